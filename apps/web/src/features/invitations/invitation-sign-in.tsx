import Link from "next/link";
import { signInPath, signUpPath } from "@/lib/next-path";

/** A signed-out visitor learns nothing about the invitation, only how to come back to it signed in. */
export function InvitationSignIn({ here }: { here: string }) {
  return (
    <section className="panel narrow-form" aria-labelledby="invitation-heading">
      <h1 id="invitation-heading">You have been invited to Tally</h1>
      <p>Sign in, or create an account, with the email address the invitation was sent to.</p>
      <div className="actions">
        <Link className="button primary" href={signInPath(here)}>
          Sign in
        </Link>
        <Link className="button" href={signUpPath(here)}>
          Create an account
        </Link>
      </div>
    </section>
  );
}
