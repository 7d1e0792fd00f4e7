"use client";

import { useId } from "react";
import { FieldNotes, fieldDescribedBy } from "./field-notes";

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
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        rows={rows}
        maxLength={maxLength}
        value={value}
        aria-invalid={invalid}
        aria-describedby={fieldDescribedBy(id, hint, invalid)}
        onChange={(event) => onChange(event.target.value)}
      />
      <FieldNotes id={id} hint={hint} errors={errors} />
    </div>
  );
}
