"use client";

import { createOrganizationInput, type InputIssues } from "@tally/validators";
import { type FormEvent, useId, useState } from "react";
import { FormMessages } from "@/components/form-messages";
import { TextField } from "@/components/text-field";
import { issuesFromSchema, issuesFromServer, noIssues } from "@/lib/form-issues";
import { serverProblem } from "@/lib/issues";
import { useHydrated } from "@/lib/use-hydrated";
import { trpc } from "@/trpc/react";
import { suggestSlug } from "./slug";

/** Creates an organisation; the creator becomes its owner and it becomes the active one. */
export function CreateOrganizationForm() {
  const hydrated = useHydrated();
  const headingId = useId();
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const [slugEdited, setSlugEdited] = useState(false);
  const [issues, setIssues] = useState<InputIssues>(noIssues);
  const create = trpc.org.create.useMutation({
    // A full page load: the header, the switcher and every cached list now belong to the new organisation.
    onSuccess: () => window.location.assign("/members"),
    onError: (error) => setIssues(issuesFromServer(serverProblem(error))),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = createOrganizationInput.safeParse({ name, slug });
    if (!parsed.success) return setIssues(issuesFromSchema(parsed.error));
    setIssues(noIssues);
    create.mutate(parsed.data);
  }

  return (
    <form className="panel narrow-form" aria-labelledby={headingId} onSubmit={submit} noValidate>
      <h2 id={headingId}>New organisation</h2>
      <div className="fields">
        <TextField
          label="Name"
          autoComplete="organization"
          value={name}
          errors={issues.fieldErrors.name}
          onChange={(value) => {
            setName(value);
            if (!slugEdited) setSlug(suggestSlug(value));
          }}
        />
        <TextField
          label="Address"
          hint="Lower-case letters, digits and dashes; identifies the organisation."
          spellCheck={false}
          autoComplete="off"
          value={slug}
          errors={issues.fieldErrors.slug}
          onChange={(value) => {
            setSlug(value);
            setSlugEdited(true);
          }}
        />
      </div>
      <FormMessages messages={issues.formErrors} />
      <div className="actions">
        <button
          type="submit"
          className="primary"
          disabled={!hydrated || create.isPending || create.isSuccess}
        >
          {create.isPending ? "Creating…" : "Create organisation"}
        </button>
      </div>
    </form>
  );
}
