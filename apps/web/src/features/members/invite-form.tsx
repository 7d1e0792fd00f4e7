"use client";

import { type InputIssues, inviteMemberInput } from "@tally/validators";
import { type FormEvent, useId, useState } from "react";
import { FormMessages } from "@/components/form-messages";
import { SelectField } from "@/components/select-field";
import { TextField } from "@/components/text-field";
import { issuesFromSchema, issuesFromServer, noIssues } from "@/lib/form-issues";
import { serverProblem } from "@/lib/issues";
import { ROLE_LABELS } from "@/lib/roles";
import { useHydrated } from "@/lib/use-hydrated";
import { trpc } from "@/trpc/react";
import { InviteLink } from "./invite-link";
import type { Invitation } from "./member";

type InvitableRole = "member" | "admin";
const INVITABLE_ROLES = inviteMemberInput.shape.role.unwrap().options.map((role: InvitableRole) => ({
  value: role,
  label: ROLE_LABELS[role],
}));

/** Tally sends no email: creating an invitation gives a link for the admin to pass on. */
export function InviteForm() {
  const hydrated = useHydrated();
  const headingId = useId();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<InvitableRole>("member");
  const [issues, setIssues] = useState<InputIssues>(noIssues);
  const [created, setCreated] = useState<Invitation | null>(null);
  const utils = trpc.useUtils();
  const invite = trpc.org.invitations.create.useMutation({
    onSuccess: async (invitation) => {
      await utils.org.invitations.list.invalidate();
      setCreated(invitation);
      setEmail("");
    },
    onError: (error) => setIssues(issuesFromServer(serverProblem(error))),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = inviteMemberInput.safeParse({ email, role });
    if (!parsed.success) return setIssues(issuesFromSchema(parsed.error));
    setIssues(noIssues);
    setCreated(null);
    invite.mutate(parsed.data);
  }

  return (
    <form className="panel" aria-labelledby={headingId} onSubmit={submit} noValidate>
      <h2 id={headingId}>Invite someone</h2>
      <div className="fields">
        <TextField
          label="Email"
          type="email"
          autoComplete="off"
          value={email}
          errors={issues.fieldErrors.email}
          onChange={setEmail}
        />
        <SelectField label="Role" value={role} options={INVITABLE_ROLES} onChange={setRole} />
      </div>
      <FormMessages messages={issues.formErrors} />
      <div className="actions">
        <button type="submit" className="primary" disabled={!hydrated || invite.isPending}>
          {invite.isPending ? "Creating invitation…" : "Create invitation"}
        </button>
      </div>
      {created && <InviteLink invitation={created} />}
    </form>
  );
}
