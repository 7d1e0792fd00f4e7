import type { Prisma } from "@tally/db";
import type { CursorPage, ListPaymentsInput } from "@tally/validators";
import { newestFirst, type PageQuery } from "../../pagination.ts";
import type { OrgContext } from "../../trpc.ts";
import { type PaymentView, paymentSelect } from "./payments.select.ts";

export const paymentPages = newestFirst("receivedAt");
export type ListPaymentsQuery = PageQuery<typeof paymentPages, ListPaymentsInput>;

/** Every attempt, succeeded or failed, newest first; another organisation's invoice id simply matches nothing. */
export async function listPayments(
  ctx: OrgContext,
  input: ListPaymentsQuery,
): Promise<CursorPage<PaymentView>> {
  const filters: Prisma.PaymentWhereInput[] = [{ organizationId: ctx.org.id }];
  if (input.invoiceId) filters.push({ invoiceId: input.invoiceId });
  return paymentPages.fetchPage(input, ({ after, orderBy, take }) =>
    ctx.db.payment.findMany({ where: { AND: [...filters, after] }, orderBy, take, select: paymentSelect }),
  );
}
