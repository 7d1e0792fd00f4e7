import { expect, test } from "vitest";
import { invoiceFileName, invoiceTitle } from "./invoice-number.ts";

test("an invoice's title and file name pad its number to five digits and keep longer numbers whole", () => {
  expect(invoiceTitle(7)).toBe("Invoice 00007");
  expect(invoiceTitle(123456)).toBe("Invoice 123456");
  expect(invoiceFileName(42)).toBe("invoice-00042.pdf");
});
