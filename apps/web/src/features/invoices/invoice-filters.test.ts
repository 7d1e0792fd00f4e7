import { describe, expect, test } from "vitest";
import {
  invoiceExportHref,
  invoiceListInput,
  readInvoiceFilters,
  writeInvoiceFilters,
} from "./invoice-filters";

const params = (query: string) => new URLSearchParams(query);

describe("invoice filters in the address", () => {
  test("read what is valid and drop the rest", () => {
    expect(readInvoiceFilters(params("status=paid&customer=c1&from=2026-01-01&to=2026-01-31"))).toEqual({
      status: "paid",
      customerId: "c1",
      from: "2026-01-01",
      to: "2026-01-31",
    });
    expect(readInvoiceFilters(params("status=lost&from=yesterday&to=2026-02-30"))).toEqual({
      status: "",
      customerId: "",
      from: "",
      to: "",
    });
  });

  test("write back only what is set, so an unfiltered list has a bare address", () => {
    expect(writeInvoiceFilters({ status: "", customerId: "", from: "", to: "" }).toString()).toBe("");
    const filters = readInvoiceFilters(params("status=issued&from=2026-03-01"));
    expect(writeInvoiceFilters(filters).toString()).toBe("status=issued&from=2026-03-01");
  });

  test("days bound the list as whole UTC days, both ends included", () => {
    const input = invoiceListInput(readInvoiceFilters(params("from=2026-01-01&to=2026-01-31")));
    expect(input.from?.toISOString()).toBe("2026-01-01T00:00:00.000Z");
    expect(input.to?.toISOString()).toBe("2026-01-31T23:59:59.999Z");
  });

  test("the CSV download asks the export for exactly what the list shows", () => {
    expect(invoiceExportHref(readInvoiceFilters(params("")))).toBe("/api/invoices/export");
    const href = invoiceExportHref(readInvoiceFilters(params("status=paid&customer=c1&to=2026-01-31")));
    const query = new URL(href, "http://tally.test").searchParams;
    expect(Object.fromEntries(query)).toEqual({
      status: "paid",
      customerId: "c1",
      to: "2026-01-31T23:59:59.999Z",
    });
  });

  test("overdue is a filter of its own: the list and the download ask for open invoices marked overdue", () => {
    const filters = readInvoiceFilters(params("status=overdue&customer=c1"));
    expect(filters.status).toBe("overdue");
    expect(writeInvoiceFilters(filters).toString()).toBe("status=overdue&customer=c1");
    expect(invoiceListInput(filters)).toEqual({ limit: 20, customerId: "c1", overdue: true });
    const query = new URL(invoiceExportHref(filters), "http://tally.test").searchParams;
    expect(Object.fromEntries(query)).toEqual({ customerId: "c1", overdue: "true" });
  });
});
