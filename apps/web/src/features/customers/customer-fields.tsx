"use client";

import { useId } from "react";
import { TextField } from "@/components/text-field";
import type { CustomerField, CustomerFormErrors, CustomerFormValues } from "./customer-form";

type CustomerFieldsProps = {
  values: CustomerFormValues;
  errors: CustomerFormErrors;
  onChange: (field: CustomerField, value: string) => void;
};

/** The inputs shared by the create and edit forms, each with its label and its own messages. */
export function CustomerFields({ values, errors, onChange }: CustomerFieldsProps) {
  const field = (name: CustomerField) => ({
    value: values[name],
    errors: errors.fields[name],
    onChange: (value: string) => onChange(name, value),
  });
  return (
    <div className="fields">
      <TextField label="Name" autoComplete="organization" maxLength={200} {...field("name")} />
      <TextField label="Email" type="email" autoComplete="email" {...field("email")} />
      <TextField label="Phone" type="tel" autoComplete="tel" maxLength={40} {...field("phone")} />
      <AddressField {...field("address")} />
    </div>
  );
}

type AddressFieldProps = { value: string; errors: string[] | undefined; onChange: (value: string) => void };

function AddressField({ value, errors, onChange }: AddressFieldProps) {
  const id = useId();
  const invalid = Boolean(errors?.length);
  return (
    <div className="field">
      <label htmlFor={id}>Address</label>
      <textarea
        id={id}
        rows={3}
        maxLength={1000}
        value={value}
        aria-invalid={invalid}
        aria-describedby={invalid ? `${id}-error` : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      {invalid && (
        <p id={`${id}-error`} className="field-error">
          {errors?.join(" ")}
        </p>
      )}
    </div>
  );
}
