import { expect, test } from "vitest";
import { invoiceFilters, listInvoicesInput } from "./invoices.ts";

test("overdue comes as a boolean from a procedure call and as text from the export's query string", () => {
  expect(listInvoicesInput.parse({ overdue: true }).overdue).toBe(true);
  expect(invoiceFilters.parse({ overdue: "true" }).overdue).toBe(true);
  expect(invoiceFilters.parse({ overdue: "false" }).overdue).toBe(false);
  expect(invoiceFilters.parse({}).overdue).toBeUndefined();
  const refused = invoiceFilters.safeParse({ overdue: "sometimes" });
  expect(refused.success).toBe(false);
  expect(refused.error?.issues[0]?.path).toEqual(["overdue"]);
});
