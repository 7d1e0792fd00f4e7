"use client";

import { type FormEvent, useState } from "react";
import type { AuthRefusal } from "./auth-problems";

type AuthFailure = { status: number; message?: string | undefined };
type AuthCall = (hooks: {
  onError: (context: { response: Response }) => void;
}) => Promise<{ error: AuthFailure | null }>;

/**
 * Runs a better-auth call from a form: busy while it runs, a refusal (with
 * the Retry-After a rate limit sends) when it fails, a full page load of
 * `next` when it succeeds, so every part of the page renders as the new user.
 */
export function useAuthSubmit(describe: (refusal: AuthRefusal) => string) {
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>, call: AuthCall, next: string) {
    event.preventDefault();
    setPending(true);
    setProblem(null);
    let retryAfter: string | null = null;
    const { error } = await call({
      onError: ({ response }) => {
        retryAfter = response.headers.get("Retry-After") ?? response.headers.get("X-Retry-After");
      },
    }).catch((): { error: AuthFailure } => ({ error: { status: 0 } })); // offline: not the server's answer
    if (!error) {
      window.location.assign(next);
      return;
    }
    setProblem(describe({ status: error.status, message: error.message, retryAfter }));
    setPending(false);
  }

  return { problem, pending, submit };
}
