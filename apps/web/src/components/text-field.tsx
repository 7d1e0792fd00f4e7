"use client";

import { type InputHTMLAttributes, useId } from "react";

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
  const describedBy = [hint && `${id}-hint`, invalid && `${id}-error`].filter(Boolean).join(" ");
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        value={value}
        aria-invalid={invalid}
        aria-describedby={describedBy || undefined}
        onChange={(event) => onChange(event.target.value)}
        {...inputProps}
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
