"use client";

import { type ReactNode, useId, useState } from "react";

/**
 * A value to pass on (an invite link, an API key or a webhook's signing
 * secret shown once): a read-only box that selects itself, a copy button, and
 * what happened when it was pressed. `noun` names it in the button and the
 * status ("Copy key", "Key copied").
 */
export function CopyField({
  label,
  noun,
  value,
  children,
}: {
  label: string;
  noun: string;
  value: string;
  /** What it is for, and whether this is the one chance to copy it. */
  children: ReactNode;
}) {
  const id = useId();
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  const capitalised = noun.charAt(0).toUpperCase() + noun.slice(1);
  return (
    <div className="copy-field">
      <p>{children}</p>
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <div className="input-with-button">
          <input id={id} readOnly value={value} onFocus={(event) => event.target.select()} />
          <button
            type="button"
            onClick={() =>
              navigator.clipboard.writeText(value).then(
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
