import { expect, test } from "vitest";
import { emptyCustomerForm, parseCustomerForm } from "./customer-form.ts";

test("the form is checked with customers.create's own schema, blanks meaning none", () => {
  expect(parseCustomerForm({ ...emptyCustomerForm, name: " Acme Ltd ", email: " " })).toEqual({
    ok: true,
    input: { name: "Acme Ltd", email: null, phone: null, address: "" },
  });
  expect(parseCustomerForm({ ...emptyCustomerForm, email: "not-an-email" })).toEqual({
    ok: false,
    errors: { name: "Enter a name", email: "Enter an email address" },
  });
});
