"use client";

import { useState } from "react";

type ConfirmButtonProps = {
  /** "Cancel order" */
  label: string;
  /** "Cancel this order? Its reserved stock is released." */
  question: string;
  /** "Yes, cancel order" */
  confirmLabel: string;
  /** "Keep order" */
  keepLabel: string;
  busy: boolean;
  disabled?: boolean;
  onConfirm: () => void;
};

/** A destructive action asks once, in the page (no browser dialog), before it acts. */
export function ConfirmButton({
  label,
  question,
  confirmLabel,
  keepLabel,
  busy,
  disabled,
  onConfirm,
}: ConfirmButtonProps) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className="danger" disabled={disabled || busy} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <fieldset className="confirm">
      <legend className="visually-hidden">{label}</legend>
      <p>{question}</p>
      <div className="actions">
        <button type="button" className="danger" disabled={busy} onClick={onConfirm}>
          {busy ? "Working…" : confirmLabel}
        </button>
        <button type="button" disabled={busy} onClick={() => setAsking(false)}>
          {keepLabel}
        </button>
      </div>
    </fieldset>
  );
}
