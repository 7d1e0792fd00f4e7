import { type CreateCustomerInput, createCustomerInput } from "@tally/validators";
import { type FieldErrors, fieldErrorsFromZod } from "../forms/field-errors.ts";

export type CustomerFormValues = { name: string; email: string; phone: string; address: string };

export const emptyCustomerForm: CustomerFormValues = { name: "", email: "", phone: "", address: "" };

/**
 * Checks the form with the schema `customers.create` itself uses. A blank
 * optional field means "none", which the schema spells `null`.
 */
export function parseCustomerForm(
  values: CustomerFormValues,
): { ok: true; input: CreateCustomerInput } | { ok: false; errors: FieldErrors } {
  const parsed = createCustomerInput.safeParse({
    name: values.name,
    email: values.email.trim() || null,
    phone: values.phone.trim() || null,
    address: values.address,
  });
  return parsed.success
    ? { ok: true, input: parsed.data }
    : { ok: false, errors: fieldErrorsFromZod(parsed.error) };
}
