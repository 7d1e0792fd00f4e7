"use client";

import { useState } from "react";
import { noErrors, type ProductField, type ProductFormErrors, type ProductFormValues } from "./product-form";

/** Form state: what is typed, and the messages to show. Editing a field clears its own message. */
export function useProductForm(initial: ProductFormValues) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<ProductFormErrors>(noErrors);

  function setField(field: ProductField, value: string) {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, fields: { ...current.fields, [field]: undefined } }));
  }

  function reset(next: ProductFormValues) {
    setValues(next);
    setErrors(noErrors);
  }

  return { values, errors, setField, setErrors, reset };
}
