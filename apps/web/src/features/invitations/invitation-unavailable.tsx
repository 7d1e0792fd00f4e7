import { SignOutButton } from "../auth/sign-out-button";

/** One message for every reason, so an invitation link tells nobody else anything. */
export function InvitationUnavailable({ email }: { email: string }) {
  return (
    <section className="panel narrow-form" aria-labelledby="invitation-heading">
      <h1 id="invitation-heading">This invitation can't be used</h1>
      <p>
        It may have expired, been revoked or already accepted, or it was sent to a different email address.
        You are signed in as <strong>{email}</strong>.
      </p>
      <p className="muted">Ask whoever invited you for a new link, or sign in with the invited address.</p>
      <div className="actions">
        <SignOutButton />
      </div>
    </section>
  );
}
