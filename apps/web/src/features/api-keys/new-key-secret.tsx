"use client";

import { useId, useState } from "react";

/** Shown once, right after creation: Tally keeps only a hash, so this is the only chance to copy it. */
export function NewKeySecret({ name, secret }: { name: string; secret: string }) {
  const id = useId();
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  return (
    <div className="invite-link">
      <p>
        The key <strong>{name}</strong> is ready. Copy it now: it will not be shown again.
      </p>
      <div className="field">
        <label htmlFor={id}>API key</label>
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
            Copy key
          </button>
        </div>
      </div>
      <p role="status" className="notice">
        {copied === "yes" ? "Key copied" : copied === "failed" ? "Copy the key from the box above" : ""}
      </p>
    </div>
  );
}
