/**
 * What to tell someone whose sign-in or sign-up was refused. Sign-in failures
 * all read the same, so the page never says whether an email has an account.
 */
export type AuthRefusal = { status: number; message?: string | undefined; retryAfter: string | null };

export function signInProblem({ status, retryAfter }: AuthRefusal): string {
  if (status === 429) return tooManyAttempts(retryAfter);
  if (status >= 400 && status < 500) return "Incorrect email or password.";
  return "Could not sign in right now. Try again in a moment.";
}

export function signUpProblem({ status, message, retryAfter }: AuthRefusal): string {
  if (status === 429) return tooManyAttempts(retryAfter);
  // An address that already has an account: no more detail than a sign-in failure gives.
  if (status === 422) return "Could not create an account with that email. If you already have one, sign in.";
  if (status >= 400 && status < 500 && message) return message;
  return "Could not create your account right now. Try again in a moment.";
}

function tooManyAttempts(retryAfter: string | null): string {
  const seconds = Number(retryAfter);
  return Number.isFinite(seconds) && seconds > 0
    ? `Too many attempts, try again in ${Math.ceil(seconds)} s.`
    : "Too many attempts, try again shortly.";
}
