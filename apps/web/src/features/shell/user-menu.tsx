"use client";

import Link from "next/link";
import { useRef } from "react";
import { SignOutButton } from "@/features/auth/sign-out-button";

/** The signed-in user's menu: who they are, their sessions, and signing out. */
export function UserMenu({ name, email }: { name: string; email: string }) {
  const menu = useRef<HTMLDetailsElement>(null);
  const close = () => menu.current?.removeAttribute("open");
  return (
    <details className="user-menu" ref={menu}>
      <summary>
        <span className="visually-hidden">Account menu for </span>
        {name}
      </summary>
      <div className="menu-panel">
        <p className="muted">{email}</p>
        <Link href="/sessions" onClick={close}>
          Sessions
        </Link>
        <SignOutButton />
      </div>
    </details>
  );
}
