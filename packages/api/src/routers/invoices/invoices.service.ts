import type { Prisma } from "@tally/db";
import type { CursorPage, InvoiceFilters, ListInvoicesInput } from "@tally/validators";
import { notFound } from "../../errors.ts";
import { toPage } from "../../pagination.ts";
import type { OrgContext } from "../../trpc.ts";
import { type InvoiceKey, invoiceCursor } from "./invoices.cursor.ts";
import {
  type InvoiceSummaryView,
  type InvoiceView,
  invoiceSelect,
  invoiceSummarySelect,
} from "./invoices.select.ts";

export type ListInvoicesQuery = Omit<ListInvoicesInput, "cursor"> & { cursor?: InvoiceKey | undefined };

/** Newest first; also what the CSV export pages through. */
export async function listInvoices(
  ctx: OrgContext,
  input: ListInvoicesQuery,
): Promise<CursorPage<InvoiceSummaryView>> {
  const filters = invoiceFilterWhere(ctx.org.id, input);
  if (input.cursor) filters.push(invoiceCursor.after(input.cursor));
  const rows = await ctx.db.invoice.findMany({
    where: { AND: filters },
    orderBy: [{ issuedAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    select: invoiceSummarySelect,
  });
  return toPage(rows, input.limit, invoiceCursor.encode);
}

function invoiceFilterWhere(organizationId: string, filters: InvoiceFilters): Prisma.InvoiceWhereInput[] {
  const where: Prisma.InvoiceWhereInput[] = [{ organizationId }];
  if (filters.status) where.push({ status: filters.status });
  if (filters.customerId) where.push({ order: { customerId: filters.customerId } });
  if (filters.from || filters.to) where.push({ issuedAt: { gte: filters.from, lte: filters.to } });
  return where;
}

export async function getInvoice(
  ctx: OrgContext,
  id: string,
  db: Prisma.TransactionClient = ctx.db,
): Promise<InvoiceView> {
  const invoice = await db.invoice.findFirst({
    where: { id, organizationId: ctx.org.id },
    select: invoiceSelect,
  });
  if (!invoice) throw notFound("Invoice", id);
  return invoice;
}
