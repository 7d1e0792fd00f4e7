"use client";

import { useId, useState } from "react";

/** Shown once, right after registration: the list never shows it again, so this is the chance to copy it. */
export function NewWebhookSecret({ url, secret }: { url: string; secret: string }) {
  const id = useId();
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  return (
    <div className="invite-link">
      <p>
        Deliveries to <strong>{url}</strong> are signed with this secret. Copy it now into the receiver's
        configuration: it will not be shown again. Verify the <code>Tally-Signature</code> header of every
        delivery with it (see the partner documentation).
      </p>
      <div className="field">
        <label htmlFor={id}>Signing secret</label>
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
            Copy secret
          </button>
        </div>
      </div>
      <p role="status" className="notice">
        {copied === "yes" ? "Secret copied" : copied === "failed" ? "Copy the secret from the box above" : ""}
      </p>
    </div>
  );
}
