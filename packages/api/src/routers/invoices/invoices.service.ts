import type { Prisma } from "@tally/db";
import type { CursorPage, InvoiceFilters, ListInvoicesInput } from "@tally/validators";
import { notFound } from "../../errors.ts";
import { newestFirst, type PageQuery } from "../../pagination.ts";
import type { OrgContext } from "../../trpc.ts";
import { allowedInvoiceActions } from "./invoice-actions.ts";
import {
  type InvoiceSummaryView,
  type InvoiceView,
  invoiceSelect,
  invoiceSummarySelect,
} from "./invoices.select.ts";

export const invoicePages = newestFirst("issuedAt");
export type ListInvoicesQuery = PageQuery<typeof invoicePages, ListInvoicesInput>;

/** Newest first; also what the CSV export pages through. */
export async function listInvoices(
  ctx: OrgContext,
  input: ListInvoicesQuery,
): Promise<CursorPage<InvoiceSummaryView>> {
  const filters = invoiceFilterWhere(ctx.org.id, input);
  return invoicePages.fetchPage(input, ({ after, orderBy, take }) =>
    ctx.db.invoice.findMany({
      where: { AND: [...filters, after] },
      orderBy,
      take,
      select: invoiceSummarySelect,
    }),
  );
}

export function invoiceFilterWhere(
  organizationId: string,
  filters: InvoiceFilters,
): Prisma.InvoiceWhereInput[] {
  const where: Prisma.InvoiceWhereInput[] = [{ organizationId }];
  if (filters.overdue) where.push({ status: "issued", overdueAt: { not: null } });
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
  return { ...invoice, allowedActions: allowedInvoiceActions(invoice, ctx.membership.role) };
}
