"use client";

import { TextAreaField } from "@/components/text-area-field";
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
      <TextAreaField label="Address" maxLength={1000} {...field("address")} />
    </div>
  );
}
