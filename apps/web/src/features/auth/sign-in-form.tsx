"use client";

import Link from "next/link";
import { useId, useState } from "react";
import { FormMessages } from "@/components/form-messages";
import { TextField } from "@/components/text-field";
import { authClient } from "@/lib/auth-client";
import { signUpPath } from "@/lib/next-path";
import { useHydrated } from "@/lib/use-hydrated";
import { signInProblem } from "./auth-problems";
import { useAuthSubmit } from "./use-auth-submit";

export function SignInForm({ next }: { next: string }) {
  const hydrated = useHydrated();
  const headingId = useId();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const { problem, pending, submit } = useAuthSubmit(signInProblem);

  return (
    <form
      className="panel auth-form"
      aria-labelledby={headingId}
      onSubmit={(event) =>
        submit(event, (fetchOptions) => authClient.signIn.email({ email, password }, fetchOptions), next)
      }
    >
      <h1 id={headingId}>Sign in</h1>
      <div className="fields">
        <TextField
          label="Email"
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={setEmail}
        />
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={setPassword}
        />
      </div>
      <FormMessages messages={problem ? [problem] : []} />
      <div className="actions">
        <button type="submit" className="primary" disabled={!hydrated || pending}>
          {pending ? "Signing in…" : "Sign in"}
        </button>
      </div>
      <p className="muted">
        New to Tally? <Link href={signUpPath(next)}>Create an account</Link>
      </p>
    </form>
  );
}
