"use client";

import { useState } from "react";
import { authClient } from "@/lib/auth-client";
import { useHydrated } from "@/lib/use-hydrated";

/** Ends this session; a full page load to sign-in drops everything cached for this user. */
export function SignOutButton() {
  const hydrated = useHydrated();
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      disabled={!hydrated || pending}
      onClick={async () => {
        setPending(true);
        await authClient.signOut().catch(() => null);
        window.location.assign("/sign-in");
      }}
    >
      {pending ? "Signing out…" : "Sign out"}
    </button>
  );
}
