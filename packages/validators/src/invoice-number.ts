/**
 * How an invoice's number is shown everywhere — the web and mobile apps, the
 * PDF, the emails — so a customer quoting "Invoice 00042" finds the same
 * words on every screen. Numbers are per organisation, sequential and gap-free.
 */
const padded = (number: number) => String(number).padStart(5, "0");

export const invoiceTitle = (number: number) => `Invoice ${padded(number)}`;

/** The PDF's file name wherever it is downloaded or attached: invoice-00042.pdf. */
export const invoiceFileName = (number: number) => `invoice-${padded(number)}.pdf`;
