"use client";

import { type InputHTMLAttributes, useId } from "react";
import type { ProductField, ProductFormErrors, ProductFormValues } from "./product-form";

type ProductFieldsProps = {
  values: ProductFormValues;
  errors: ProductFormErrors;
  onChange: (field: ProductField, value: string) => void;
};

/** The inputs shared by the create and edit forms, each with its label and its own messages. */
export function ProductFields({ values, errors, onChange }: ProductFieldsProps) {
  const field = (name: ProductField) => ({
    value: values[name],
    errors: errors.fields[name],
    onChange: (value: string) => onChange(name, value),
  });
  return (
    <div className="fields">
      <TextField label="SKU" autoComplete="off" spellCheck={false} {...field("sku")} />
      <TextField label="Name" {...field("name")} />
      <div className="field-row">
        <TextField label="Price" inputMode="decimal" placeholder="12.50" {...field("price")} />
        <TextField
          label="Currency"
          maxLength={3}
          autoComplete="off"
          className="currency"
          {...field("currency")}
        />
      </div>
      <TextField label="Stock" type="number" min={0} step={1} inputMode="numeric" {...field("stock")} />
      <TextField label="Description" multiline {...field("description")} />
    </div>
  );
}

type TextFieldProps = {
  label: string;
  value: string;
  errors: string[] | undefined;
  onChange: (value: string) => void;
  multiline?: boolean;
  className?: string;
} & Pick<
  InputHTMLAttributes<HTMLInputElement>,
  "type" | "inputMode" | "autoComplete" | "spellCheck" | "placeholder" | "maxLength" | "min" | "step"
>;

function TextField({ label, value, errors, onChange, multiline, className, ...inputProps }: TextFieldProps) {
  const id = useId();
  const errorId = `${id}-error`;
  const invalid = Boolean(errors?.length);
  const shared = {
    id,
    value,
    "aria-invalid": invalid,
    "aria-describedby": invalid ? errorId : undefined,
  };
  return (
    <div className={className ? `field ${className}` : "field"}>
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea {...shared} rows={3} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <input {...shared} {...inputProps} onChange={(event) => onChange(event.target.value)} />
      )}
      {invalid && (
        <p id={errorId} className="field-error">
          {errors?.join(" ")}
        </p>
      )}
    </div>
  );
}
