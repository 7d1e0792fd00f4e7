import {
  type CreateProductInput,
  createProductInput,
  flattenIssues,
  type InputIssues,
  minorToDecimal,
  parseDecimalToMinor,
  type UpdateProductInput,
  updateProductInput,
} from "@tally/validators";
import type { ServerProblem } from "@/lib/issues";
import type { Product } from "./product";

/**
 * What the product form holds (text, as typed) and how it becomes API input.
 * Validation is the API's own zod schemas; this file only translates between
 * form fields and schema fields (a decimal `price` is `priceMinor` there).
 */
export type ProductField = "sku" | "name" | "description" | "price" | "currency" | "stock";
export type ProductFormValues = Record<ProductField, string>;
export type ProductFormErrors = { fields: Partial<Record<ProductField, string[]>>; form: string[] };

export const noErrors: ProductFormErrors = { fields: {}, form: [] };

export const emptyProductForm: ProductFormValues = {
  sku: "",
  name: "",
  description: "",
  price: "",
  currency: "USD",
  stock: "0",
};

export function productFormFrom(product: Product): ProductFormValues {
  return {
    sku: product.sku,
    name: product.name,
    description: product.description,
    price: minorToDecimal(product.priceMinor, product.currency),
    currency: product.currency,
    stock: String(product.stock),
  };
}

type Read<T> = { ok: true; input: T } | { ok: false; errors: ProductFormErrors };

export function readCreateProduct(values: ProductFormValues): Read<CreateProductInput> {
  const price = parseDecimalToMinor(values.price, values.currency.trim().toUpperCase());
  const parsed = createProductInput.safeParse({
    sku: values.sku,
    name: values.name,
    description: values.description,
    priceMinor: price.ok ? price.minor : undefined,
    currency: values.currency,
    stock: values.stock.trim() === "" ? undefined : Number(values.stock),
  });
  if (price.ok && parsed.success) return { ok: true, input: parsed.data };
  const errors = parsed.success ? noErrors : productFormErrors(flattenIssues(parsed.error));
  // Text that is not a price says so, rather than the schema's "Enter an amount".
  const fields = price.ok ? errors.fields : { ...errors.fields, price: [price.message] };
  return { ok: false, errors: { ...errors, fields } };
}

/** Sends only the fields that changed, with the version the form was filled from. */
export function readUpdateProduct(values: ProductFormValues, product: Product): Read<UpdateProductInput> {
  const read = readCreateProduct(values);
  if (!read.ok) return read;
  const patch = Object.fromEntries(
    Object.entries(read.input).filter(
      ([field, value]) => product[field as keyof CreateProductInput] !== value,
    ),
  );
  const parsed = updateProductInput.safeParse({ id: product.id, version: product.version, patch });
  return parsed.success
    ? { ok: true, input: parsed.data }
    : { ok: false, errors: productFormErrors(flattenIssues(parsed.error)) };
}

const formFieldFor: Record<string, ProductField> = {
  sku: "sku",
  name: "name",
  description: "description",
  priceMinor: "price",
  currency: "currency",
  stock: "stock",
};

/** Places schema or server issues on form fields; update issues arrive as `patch.<field>`. */
function productFormErrors({ formErrors, fieldErrors }: InputIssues): ProductFormErrors {
  const errors: ProductFormErrors = { fields: {}, form: [...formErrors] };
  for (const [path, messages] of Object.entries(fieldErrors)) {
    const field = formFieldFor[path.replace(/^patch\./, "")];
    if (field) errors.fields[field] = [...(errors.fields[field] ?? []), ...messages];
    else errors.form.push(...messages);
  }
  return errors;
}

/** A refusal from the server, shown where it belongs: on a field when the server names one. */
export function productFormErrorsFromServer(problem: ServerProblem): ProductFormErrors {
  if (!problem.issues) return { fields: {}, form: [problem.message] };
  const errors = productFormErrors(problem.issues);
  const placed = errors.form.length > 0 || Object.keys(errors.fields).length > 0;
  return placed ? errors : { ...errors, form: [problem.message] };
}
