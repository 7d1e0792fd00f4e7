"use client";

import { type InputHTMLAttributes, useId } from "react";
import { FieldNotes, fieldDescribedBy } from "./field-notes";

type TextFieldProps = {
  label: string;
  value: string;
  onChange: (value: string) => void;
  errors?: string[] | undefined;
  hint?: string;
} & Pick<
  InputHTMLAttributes<HTMLInputElement>,
  "type" | "name" | "autoComplete" | "required" | "spellCheck" | "placeholder" | "maxLength" | "autoFocus"
>;

/** A labelled input with its own messages, announced to screen readers through aria-describedby. */
export function TextField({ label, value, onChange, errors, hint, ...inputProps }: TextFieldProps) {
  const id = useId();
  const invalid = Boolean(errors?.length);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        value={value}
        aria-invalid={invalid}
        aria-describedby={fieldDescribedBy(id, hint, invalid)}
        onChange={(event) => onChange(event.target.value)}
        {...inputProps}
      />
      <FieldNotes id={id} hint={hint} errors={errors} />
    </div>
  );
}
