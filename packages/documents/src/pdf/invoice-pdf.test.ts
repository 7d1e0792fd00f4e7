import { extractText, getDocumentProxy } from "unpdf";
import { expect, test } from "vitest";
import { type InvoiceDocument, renderInvoicePdf } from "./invoice-pdf.ts";

const invoice: InvoiceDocument = {
  number: 42,
  currency: "EUR",
  issuedAt: new Date("2026-11-03T09:30:00Z"),
  dueAt: new Date("2026-12-03T09:30:00Z"),
  seller: {
    name: "Demo Supplies Co.",
    postalAddress: "1 Market Street, Leeds LS1 1AA",
    replyTo: "billing@demo.example",
    paymentInstructions: "IBAN GB00 TALL 0000 0000 0000 00, reference the invoice number",
  },
  customer: { name: "Northwind Traders", email: "ap@northwind.example", address: "5 Harbour Road, Hull" },
  lines: [
    { sku: "CHAIR-01", name: "Office chair", quantity: 2, unitPriceMinor: 12_950, lineTotalMinor: 25_900 },
    { sku: "DESK-02", name: "Standing desk", quantity: 1, unitPriceMinor: 49_900, lineTotalMinor: 49_900 },
  ],
  subtotalMinor: 75_800,
  taxRateBasisPoints: 2_000,
  taxMinor: 15_160,
  totalMinor: 90_960,
  payments: [{ receivedAt: new Date("2026-11-10T12:00:00Z"), amountMinor: 30_000 }],
};

async function textOf(pdf: Buffer) {
  const document = await getDocumentProxy(new Uint8Array(pdf));
  const { text, totalPages } = await extractText(document, { mergePages: true });
  return { text: text.replace(/\s+/g, " "), totalPages };
}

test("the PDF holds the number, both parties, every line, tax, payments, the total and the balance", async () => {
  const { text, totalPages } = await textOf(await renderInvoicePdf(invoice));
  expect(totalPages).toBe(1);
  for (const expected of [
    "Invoice 00042",
    "Issued 2026-11-03",
    "Due 2026-12-03",
    "Demo Supplies Co.",
    "1 Market Street, Leeds LS1 1AA",
    "Northwind Traders",
    "ap@northwind.example",
    "Office chair (CHAIR-01)",
    "Standing desk (DESK-02)",
    "€129.50",
    "€259.00",
    "€499.00",
    "Tax (20%)",
    "€151.60",
    "Total €909.60",
    "Paid 2026-11-10",
    "-€300.00",
    "Balance due €609.60",
    "IBAN GB00 TALL",
  ]) {
    expect(text).toContain(expected);
  }
});

test("the same invoice renders to the same bytes, every time", async () => {
  const [first, second] = await Promise.all([renderInvoicePdf(invoice), renderInvoicePdf(invoice)]);
  expect(first.subarray(0, 5).toString()).toBe("%PDF-");
  expect(Buffer.compare(first, second)).toBe(0);
  const paidMore = await renderInvoicePdf({
    ...invoice,
    payments: [...invoice.payments, { receivedAt: invoice.dueAt, amountMinor: 1 }],
  });
  expect(Buffer.compare(first, paidMore)).not.toBe(0);
});

test("fifty lines flow onto further pages, none lost", async () => {
  const lines = Array.from({ length: 50 }, (_, index) => ({
    sku: `SKU-${index + 1}`,
    name: `Part number ${index + 1}`,
    quantity: index + 1,
    unitPriceMinor: 100,
    lineTotalMinor: (index + 1) * 100,
  }));
  const { text, totalPages } = await textOf(await renderInvoicePdf({ ...invoice, lines }));
  expect(totalPages).toBeGreaterThan(1);
  for (const line of lines) expect(text).toContain(`${line.name} (${line.sku})`);
});
