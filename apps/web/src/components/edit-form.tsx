"use client";

import { type FormEvent, type ReactNode, useEffect, useId, useRef } from "react";
import { FormMessages } from "@/components/form-messages";
import { NewerVersionNotice } from "@/components/newer-version-notice";

type EditFormProps<Latest> = {
  title: string;
  /** The fields; the frame adds the form's messages, the newer-version notice and the actions. */
  children: ReactNode;
  messages: string[];
  saving: boolean;
  newerVersion: Latest | null;
  onReload: (latest: Latest) => void;
  onSubmit: () => void;
  onCancel: () => void;
};

/** What every edit form shares: a heading that takes focus, the fields, messages, Save and Cancel. */
export function EditForm<Latest>({
  title,
  children,
  messages,
  saving,
  newerVersion,
  onReload,
  onSubmit,
  onCancel,
}: EditFormProps<Latest>) {
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);

  // The form may sit below the list (narrow screens): bring it, and keyboard focus, to the user.
  useEffect(() => heading.current?.focus(), []);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onSubmit();
  }

  return (
    <form className="panel" aria-labelledby={headingId} onSubmit={submit} noValidate>
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        {title}
      </h2>
      {children}
      <FormMessages messages={messages} />
      <NewerVersionNotice latest={newerVersion} onReload={onReload} />
      <div className="actions">
        <button type="submit" className="primary" disabled={saving}>
          {saving ? "Saving…" : "Save changes"}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
