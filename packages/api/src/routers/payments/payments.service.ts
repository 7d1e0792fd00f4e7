import type { Prisma } from "@tally/db";
import type { CursorPage, ListPaymentsInput } from "@tally/validators";
import { toPage } from "../../pagination.ts";
import type { OrgContext } from "../../trpc.ts";
import { type PaymentKey, paymentCursor } from "./payments.cursor.ts";
import { type PaymentView, paymentSelect } from "./payments.select.ts";

export type ListPaymentsQuery = Omit<ListPaymentsInput, "cursor"> & { cursor?: PaymentKey | undefined };

/** Every attempt, succeeded or failed, newest first; another organisation's invoice id simply matches nothing. */
export async function listPayments(
  ctx: OrgContext,
  input: ListPaymentsQuery,
): Promise<CursorPage<PaymentView>> {
  const filters: Prisma.PaymentWhereInput[] = [{ organizationId: ctx.org.id }];
  if (input.invoiceId) filters.push({ invoiceId: input.invoiceId });
  if (input.cursor) filters.push(paymentCursor.after(input.cursor));
  const rows = await ctx.db.payment.findMany({
    where: { AND: filters },
    orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    select: paymentSelect,
  });
  return toPage(rows, input.limit, paymentCursor.encode);
}
