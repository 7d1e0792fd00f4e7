export { type InvoiceDocument, invoiceTitle, renderInvoicePdf } from "./pdf/invoice-pdf.ts";
