"use client";

import Link from "next/link";
import { useId, useState } from "react";
import { FormMessages } from "@/components/form-messages";
import { TextField } from "@/components/text-field";
import { authClient } from "@/lib/auth-client";
import { signInPath } from "@/lib/next-path";
import { useHydrated } from "@/lib/use-hydrated";
import { signUpProblem } from "./auth-problems";
import { useAuthSubmit } from "./use-auth-submit";

export function SignUpForm({ next }: { next: string }) {
  const hydrated = useHydrated();
  const headingId = useId();
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const { problem, pending, submit } = useAuthSubmit(signUpProblem);

  return (
    <form
      className="panel auth-form"
      aria-labelledby={headingId}
      onSubmit={(event) =>
        submit(
          event,
          (fetchOptions) => authClient.signUp.email({ name, email, password }, fetchOptions),
          next,
        )
      }
    >
      <h1 id={headingId}>Create your account</h1>
      <div className="fields">
        <TextField label="Name" autoComplete="name" required value={name} onChange={setName} />
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
          autoComplete="new-password"
          required
          value={password}
          onChange={setPassword}
        />
      </div>
      <FormMessages messages={problem ? [problem] : []} />
      <div className="actions">
        <button type="submit" className="primary" disabled={!hydrated || pending}>
          {pending ? "Creating account…" : "Create account"}
        </button>
      </div>
      <p className="muted">
        Already have an account? <Link href={signInPath(next)}>Sign in</Link>
      </p>
    </form>
  );
}
