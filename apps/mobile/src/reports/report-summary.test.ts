import { describe, expect, test } from "vitest";
import { isInProgress, reportPeriod, reportProgressLine, reportTitle } from "./report-summary.ts";

const sales = {
  kind: "sales",
  groupBy: "product",
  invoiceStatus: null,
  customerId: null,
  from: new Date("2026-01-01T00:00:00Z"),
  to: new Date("2026-02-01T00:00:00Z"),
  status: "running" as const,
  rowsDone: 1260,
  rowsTotal: 3000,
  failureReason: null,
};

describe("a report in the mobile list", () => {
  test("says what it is and the days it covers", () => {
    expect(reportTitle(sales)).toBe("Sales by product");
    expect(reportPeriod(sales)).toBe("2026-01-01 to 2026-01-31");
    const invoices = { ...sales, kind: "invoices", groupBy: null, from: null, to: null };
    expect(reportTitle(invoices)).toBe("Invoices: all");
    expect(reportTitle({ ...invoices, invoiceStatus: "paid" })).toBe("Invoices: paid");
    expect(reportPeriod(invoices)).toBe("all time");
  });

  test("says where the run is, in each state", () => {
    expect(reportProgressLine(sales)).toBe("Running · 42% (1,260 of 3,000 orders)");
    expect(reportProgressLine({ ...sales, rowsTotal: null })).toBe("Running · counting orders");
    expect(reportProgressLine({ ...sales, status: "queued" })).toBe("Queued · waiting for a worker");
    expect(reportProgressLine({ ...sales, status: "done", rowsDone: 3000 })).toBe("Ready · 3,000 orders");
    expect(reportProgressLine({ ...sales, status: "failed", failureReason: "Try a shorter range." })).toBe(
      "Failed: Try a shorter range.",
    );
    expect(reportProgressLine({ ...sales, status: "cancelled" })).toBe("Cancelled");
    expect([
      isInProgress(sales),
      isInProgress({ status: "queued" }),
      isInProgress({ status: "done" }),
    ]).toEqual([true, true, false]);
  });
});
