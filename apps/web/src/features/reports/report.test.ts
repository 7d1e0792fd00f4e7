import { describe, expect, test } from "vitest";
import { reportPeriod, reportTitle, reportUnit } from "./report";

const sales = {
  kind: "sales",
  groupBy: "customer",
  invoiceStatus: null,
  customerId: null,
  from: new Date("2026-01-01T00:00:00Z"),
  to: new Date("2026-02-01T00:00:00Z"),
};
const invoices = { ...sales, kind: "invoices", groupBy: null, from: null, to: null };

describe("a report in the list", () => {
  test("a sales report says its grouping and the days it covers, the end exclusive", () => {
    expect(reportTitle(sales)).toBe("Sales by Customer");
    expect(reportPeriod(sales)).toBe("2026-01-01 to 2026-01-31");
    expect(reportUnit(sales)).toBe("orders");
  });

  test("an invoice export says its filters and its days of issue, both inclusive", () => {
    expect(reportTitle(invoices)).toBe("Invoices: all");
    expect(reportTitle({ ...invoices, invoiceStatus: "paid", customerId: "c1" })).toBe(
      "Invoices: paid, one customer",
    );
    expect(reportPeriod(invoices)).toBe("all time");
    expect(reportPeriod({ ...invoices, to: new Date("2026-03-31T23:59:59.999Z") })).toBe("until 2026-03-31");
    expect(reportPeriod({ ...invoices, from: new Date("2026-03-01T00:00:00Z") })).toBe("from 2026-03-01");
    expect(reportUnit(invoices)).toBe("invoices");
  });
});
