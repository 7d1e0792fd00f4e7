"use client";

import { type ReactNode, useId, useState } from "react";

/**
 * A secret Tally shows once, right after it is made (an API key, a webhook's
 * signing secret): a read-only box that selects itself, a copy button, and
 * what happened when it was pressed. `noun` names it in the button and the
 * status ("Copy key", "Key copied").
 */
export function ShownOnceSecret({
  label,
  noun,
  secret,
  children,
}: {
  label: string;
  noun: string;
  secret: string;
  /** Why this is the one chance to copy it, and where it goes. */
  children: ReactNode;
}) {
  const id = useId();
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  const capitalised = noun.charAt(0).toUpperCase() + noun.slice(1);
  return (
    <div className="invite-link">
      <p>{children}</p>
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <div className="input-with-button">
          <input id={id} readOnly value={secret} onFocus={(event) => event.target.select()} />
          <button
            type="button"
            onClick={() =>
              navigator.clipboard.writeText(secret).then(
                () => setCopied("yes"),
                () => setCopied("failed"),
              )
            }
          >
            Copy {noun}
          </button>
        </div>
      </div>
      <p role="status" className="notice">
        {copied === "yes"
          ? `${capitalised} copied`
          : copied === "failed"
            ? `Copy the ${noun} from the box above`
            : ""}
      </p>
    </div>
  );
}
