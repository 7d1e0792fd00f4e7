import { formatMoney, invoiceTitle } from "@tally/validators";
import PDFDocument from "pdfkit";

/** Everything printed on an invoice, as it stood when the invoice was issued. */
export type InvoiceDocument = {
  number: number;
  currency: string;
  issuedAt: Date;
  dueAt: Date;
  seller: { name: string; postalAddress: string; replyTo: string; paymentInstructions: string };
  customer: { name: string; email: string | null; address: string };
  lines: Array<{
    sku: string;
    name: string;
    quantity: number;
    unitPriceMinor: number;
    lineTotalMinor: number;
  }>;
  subtotalMinor: number;
  taxRateBasisPoints: number;
  taxMinor: number;
  totalMinor: number;
  payments: Array<{ receivedAt: Date; amountMinor: number }>;
};

const MARGIN = 50;
const PAGE_BOTTOM = 770;
const COLUMNS = { item: 50, quantity: 330, unit: 390, total: 470 } as const;
const RIGHT_EDGE = 545;

/**
 * The invoice as a PDF (A4, the standard Helvetica faces, nothing embedded).
 * The same document gives the same bytes: the creation date is the issue
 * date, and pdfkit derives the file id from it, so nothing varies per call.
 */
export function renderInvoicePdf(invoice: InvoiceDocument): Promise<Buffer> {
  const title = invoiceTitle(invoice.number);
  const pdf = new PDFDocument({
    size: "A4",
    margin: MARGIN,
    info: {
      Title: title,
      Author: invoice.seller.name,
      CreationDate: invoice.issuedAt,
      ModDate: invoice.issuedAt,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on("data", (chunk: Buffer) => chunks.push(chunk));
    pdf.on("end", () => resolve(Buffer.concat(chunks)));
    pdf.on("error", reject);
  });
  const money = (minor: number) => formatMoney(minor, invoice.currency, "en-GB");
  const date = (value: Date) => value.toISOString().slice(0, 10);

  pdf.font("Helvetica-Bold").fontSize(18).text(invoice.seller.name);
  pdf
    .font("Helvetica")
    .fontSize(9)
    .text(invoice.seller.postalAddress || " ");
  if (invoice.seller.replyTo) pdf.text(invoice.seller.replyTo);
  pdf.moveDown(1.5);

  pdf.font("Helvetica-Bold").fontSize(14).text(title);
  pdf.font("Helvetica").fontSize(10);
  pdf.text(`Issued ${date(invoice.issuedAt)}    Due ${date(invoice.dueAt)}    Currency ${invoice.currency}`);
  pdf.moveDown();

  pdf.font("Helvetica-Bold").text("Bill to");
  pdf.font("Helvetica").text(invoice.customer.name);
  if (invoice.customer.address) pdf.text(invoice.customer.address);
  if (invoice.customer.email) pdf.text(invoice.customer.email);
  pdf.moveDown(1.5);

  const row = (cells: { item: string; quantity: string; unit: string; total: string }, bold = false) => {
    if (pdf.y > PAGE_BOTTOM) pdf.addPage();
    const y = pdf.y;
    pdf.font(bold ? "Helvetica-Bold" : "Helvetica").fontSize(10);
    pdf.text(cells.item, COLUMNS.item, y, { width: COLUMNS.quantity - COLUMNS.item - 10 });
    const itemBottom = pdf.y;
    pdf.text(cells.quantity, COLUMNS.quantity, y, {
      width: COLUMNS.unit - COLUMNS.quantity - 10,
      align: "right",
    });
    pdf.text(cells.unit, COLUMNS.unit, y, { width: COLUMNS.total - COLUMNS.unit - 10, align: "right" });
    pdf.text(cells.total, COLUMNS.total, y, { width: RIGHT_EDGE - COLUMNS.total, align: "right" });
    pdf.x = MARGIN;
    pdf.y = Math.max(itemBottom, pdf.y) + 4;
  };
  row({ item: "Item", quantity: "Qty", unit: "Unit price", total: "Amount" }, true);
  for (const line of invoice.lines) {
    row({
      item: `${line.name} (${line.sku})`,
      quantity: String(line.quantity),
      unit: money(line.unitPriceMinor),
      total: money(line.lineTotalMinor),
    });
  }
  pdf.moveDown();

  const paid = invoice.payments.reduce((sum, payment) => sum + payment.amountMinor, 0);
  const taxPercent = (invoice.taxRateBasisPoints / 100).toFixed(2).replace(/\.?0+$/, "");
  const summary: Array<[string, string, boolean?]> = [
    ["Subtotal", money(invoice.subtotalMinor)],
    [`Tax (${taxPercent}%)`, money(invoice.taxMinor)],
    ["Total", money(invoice.totalMinor), true],
    ...invoice.payments.map((payment): [string, string] => [
      `Paid ${date(payment.receivedAt)}`,
      `-${money(payment.amountMinor)}`,
    ]),
    ["Balance due", money(invoice.totalMinor - paid), true],
  ];
  for (const [label, value, bold] of summary)
    row({ item: "", quantity: "", unit: label, total: value }, bold);

  if (invoice.seller.paymentInstructions) {
    pdf.moveDown(2);
    pdf.font("Helvetica-Bold").text("How to pay", MARGIN);
    pdf.font("Helvetica").text(invoice.seller.paymentInstructions);
  }
  pdf.end();
  return done;
}
