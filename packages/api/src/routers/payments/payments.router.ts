import { listPaymentsInput } from "@tally/validators";
import type { TRPCRouterRecord } from "@trpc/server";
import { roleProcedure } from "../../trpc.ts";
import { listPayments, paymentPages } from "./payments.service.ts";

/** Payments arrive through the provider's webhook (src/http/payment-webhook.ts), never through a procedure. */
export const paymentsRouter = {
  list: roleProcedure("admin")
    .input(paymentPages.input(listPaymentsInput).prefault({}))
    .query(({ ctx, input }) => listPayments(ctx, input)),
} satisfies TRPCRouterRecord;
