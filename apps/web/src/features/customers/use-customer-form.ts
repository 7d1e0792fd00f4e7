"use client";

import { useState } from "react";
import {
  type CustomerField,
  type CustomerFormErrors,
  type CustomerFormValues,
  noCustomerErrors,
} from "./customer-form";

/** Form state: what is typed, and the messages to show. Editing a field clears its own message. */
export function useCustomerForm(initial: CustomerFormValues) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<CustomerFormErrors>(noCustomerErrors);

  function setField(field: CustomerField, value: string) {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, fields: { ...current.fields, [field]: undefined } }));
  }

  function reset(next: CustomerFormValues) {
    setValues(next);
    setErrors(noCustomerErrors);
  }

  return { values, errors, setField, setErrors, reset };
}
