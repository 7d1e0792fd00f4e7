import {
  type CreateCustomerInput,
  createCustomerInput,
  flattenIssues,
  type InputIssues,
  type UpdateCustomerInput,
  updateCustomerInput,
} from "@tally/validators";
import type { ServerProblem } from "@/lib/issues";
import type { Customer } from "./customer";

/**
 * The customer form as typed, and how it becomes API input. Validation is the
 * API's own schema; an empty email or phone means "none" (null) there.
 */
export type CustomerField = "name" | "email" | "phone" | "address";
export type CustomerFormValues = Record<CustomerField, string>;
export type CustomerFormErrors = { fields: Partial<Record<CustomerField, string[]>>; form: string[] };

export const noCustomerErrors: CustomerFormErrors = { fields: {}, form: [] };
export const emptyCustomerForm: CustomerFormValues = { name: "", email: "", phone: "", address: "" };

export function customerFormFrom(customer: Customer): CustomerFormValues {
  return {
    name: customer.name,
    email: customer.email ?? "",
    phone: customer.phone ?? "",
    address: customer.address,
  };
}

type Read<T> = { ok: true; input: T } | { ok: false; errors: CustomerFormErrors };

const orNull = (text: string) => (text.trim() === "" ? null : text);

export function readCreateCustomer(values: CustomerFormValues): Read<CreateCustomerInput> {
  const parsed = createCustomerInput.safeParse({
    name: values.name,
    email: orNull(values.email),
    phone: orNull(values.phone),
    address: values.address,
  });
  return parsed.success
    ? { ok: true, input: parsed.data }
    : { ok: false, errors: customerFormErrors(flattenIssues(parsed.error)) };
}

/** Sends only the fields that changed, with the version the form was filled from. */
export function readUpdateCustomer(
  values: CustomerFormValues,
  customer: Customer,
): Read<UpdateCustomerInput> {
  const read = readCreateCustomer(values);
  if (!read.ok) return read;
  const patch = Object.fromEntries(
    Object.entries(read.input).filter(([field, value]) => customer[field as CustomerField] !== value),
  );
  const parsed = updateCustomerInput.safeParse({ id: customer.id, version: customer.version, patch });
  return parsed.success
    ? { ok: true, input: parsed.data }
    : { ok: false, errors: customerFormErrors(flattenIssues(parsed.error)) };
}

const FIELDS: readonly string[] = ["name", "email", "phone", "address"] satisfies CustomerField[];

/** Places schema or server issues on form fields; update issues arrive as `patch.<field>`. */
function customerFormErrors({ formErrors, fieldErrors }: InputIssues): CustomerFormErrors {
  const errors: CustomerFormErrors = { fields: {}, form: [...formErrors] };
  for (const [path, messages] of Object.entries(fieldErrors)) {
    const field = path.replace(/^patch\./, "");
    if (FIELDS.includes(field)) {
      const name = field as CustomerField;
      errors.fields[name] = [...(errors.fields[name] ?? []), ...messages];
    } else errors.form.push(...messages);
  }
  return errors;
}

/** A refusal from the server, shown on a field when the server names one. */
export function customerFormErrorsFromServer(problem: ServerProblem): CustomerFormErrors {
  if (!problem.issues) return { fields: {}, form: [problem.message] };
  const errors = customerFormErrors(problem.issues);
  const placed = errors.form.length > 0 || Object.keys(errors.fields).length > 0;
  return placed ? errors : { ...errors, form: [problem.message] };
}
