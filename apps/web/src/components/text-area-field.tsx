"use client";

import { useId } from "react";

type TextAreaFieldProps = {
  label: string;
  value: string;
  onChange: (value: string) => void;
  errors?: string[] | undefined;
  hint?: string;
  rows?: number;
  maxLength?: number;
};

/** A labelled multi-line input with its own messages, announced through aria-describedby like TextField. */
export function TextAreaField({
  label,
  value,
  onChange,
  errors,
  hint,
  rows = 3,
  maxLength,
}: TextAreaFieldProps) {
  const id = useId();
  const invalid = Boolean(errors?.length);
  const describedBy = [hint && `${id}-hint`, invalid && `${id}-error`].filter(Boolean).join(" ");
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        rows={rows}
        maxLength={maxLength}
        value={value}
        aria-invalid={invalid}
        aria-describedby={describedBy || undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      {invalid && (
        <p id={`${id}-error`} className="field-error">
          {errors?.join(" ")}
        </p>
      )}
    </div>
  );
}
