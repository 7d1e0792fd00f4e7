import { z } from "zod";
import { cursorPageInput } from "./pagination.ts";
import { recordVersion } from "./record-version.ts";

const customerFields = {
  name: z.string().trim().min(1, "Enter a name").max(200, "At most 200 characters"),
  email: z.email("Enter an email address").trim().toLowerCase().max(254).nullable(),
  phone: z.string().trim().max(40, "At most 40 characters").nullable(),
  address: z.string().trim().max(1000, "At most 1,000 characters"),
};

export const customerId = z.string().trim().min(1).max(64);

export const createCustomerInput = z.object({
  ...customerFields,
  email: customerFields.email.default(null),
  phone: customerFields.phone.default(null),
  address: customerFields.address.default(""),
});

/** Only the fields sent change; `version` is the one the client read. */
export const updateCustomerInput = z.object({
  id: customerId,
  version: recordVersion,
  patch: z
    .object(customerFields)
    .partial()
    .refine((patch) => Object.values(patch).some((value) => value !== undefined), "Nothing to update"),
});

export const listCustomersInput = cursorPageInput.extend({ search: z.string().trim().max(100).optional() });
export const customerByIdInput = z.object({ id: customerId });

export type CreateCustomerInput = z.infer<typeof createCustomerInput>;
export type UpdateCustomerInput = z.infer<typeof updateCustomerInput>;
export type ListCustomersInput = z.infer<typeof listCustomersInput>;
