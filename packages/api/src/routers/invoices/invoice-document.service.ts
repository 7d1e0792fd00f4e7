import type { Prisma } from "@tally/db";
import { type InvoiceDocument, renderInvoicePdf } from "@tally/documents";
import { invoiceFileName } from "@tally/validators";
import { z } from "zod";
import { notFound } from "../../errors.ts";
import type { OrgContext } from "../../trpc.ts";
import { senderNameOf } from "../org/sender-name.ts";

type Tx = Prisma.TransactionClient;

/** Who the invoice is from and to, as printed: kept on the invoice from the moment it is issued. */
const invoiceParties = z.object({
  seller: z.object({
    name: z.string(),
    postalAddress: z.string(),
    replyTo: z.string(),
    paymentInstructions: z.string(),
  }),
  customer: z.object({ name: z.string(), email: z.string().nullable(), address: z.string() }),
});
export type InvoiceParties = z.infer<typeof invoiceParties>;

/** The seller's and the customer's details now, to keep on an invoice being issued. */
export async function currentParties(
  tx: Tx,
  organizationId: string,
  orderId: string,
): Promise<InvoiceParties> {
  const [organization, order] = await Promise.all([
    tx.organization.findUniqueOrThrow({
      where: { id: organizationId },
      select: { name: true, senderName: true, postalAddress: true, replyTo: true, paymentInstructions: true },
    }),
    tx.order.findUniqueOrThrow({
      where: { id: orderId },
      select: { customer: { select: { name: true, email: true, address: true } } },
    }),
  ]);
  return {
    seller: {
      name: senderNameOf(organization),
      postalAddress: organization.postalAddress,
      replyTo: organization.replyTo,
      paymentInstructions: organization.paymentInstructions,
    },
    customer: order.customer,
  };
}

const documentSelect = {
  id: true,
  organizationId: true,
  orderId: true,
  number: true,
  currency: true,
  issuedAt: true,
  dueAt: true,
  totalMinor: true,
  parties: true,
  order: {
    select: {
      subtotalMinor: true,
      taxRateBasisPoints: true,
      taxMinor: true,
      lines: {
        select: { sku: true, productName: true, quantity: true, unitPriceMinor: true, lineTotalMinor: true },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      },
    },
  },
  payments: {
    where: { status: "succeeded" },
    select: { receivedAt: true, amountMinor: true },
    orderBy: [{ receivedAt: "asc" }, { id: "asc" }],
  },
} satisfies Prisma.InvoiceSelect;

/**
 * Everything the invoice's PDF prints. Invoices issued before parties were
 * kept print the seller's and customer's current details.
 */
export async function invoiceDocument(
  db: Tx,
  organizationId: string,
  invoiceId: string,
): Promise<InvoiceDocument> {
  const invoice = await db.invoice.findFirst({
    where: { id: invoiceId, organizationId },
    select: documentSelect,
  });
  if (!invoice) throw notFound("Invoice", invoiceId);
  const kept = invoiceParties.safeParse(invoice.parties);
  const parties = kept.success
    ? kept.data
    : await currentParties(db, invoice.organizationId, invoice.orderId);
  return {
    number: invoice.number,
    currency: invoice.currency,
    issuedAt: invoice.issuedAt,
    dueAt: invoice.dueAt,
    ...parties,
    lines: invoice.order.lines.map(({ productName, ...line }) => ({ ...line, name: productName })),
    subtotalMinor: invoice.order.subtotalMinor,
    taxRateBasisPoints: invoice.order.taxRateBasisPoints,
    taxMinor: invoice.order.taxMinor,
    totalMinor: invoice.totalMinor,
    payments: invoice.payments,
  };
}

/** The invoice as a PDF file: the same bytes for as long as nothing is paid against it. */
export async function invoicePdf(ctx: OrgContext, invoiceId: string) {
  const document = await invoiceDocument(ctx.db, ctx.org.id, invoiceId);
  const pdf = await renderInvoicePdf(document);
  return { fileName: invoiceFileName(document.number), pdf };
}
