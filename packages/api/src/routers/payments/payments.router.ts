import { listPaymentsInput } from "@tally/validators";
import type { TRPCRouterRecord } from "@trpc/server";
import { rest } from "../../rest-route.ts";
import { roleProcedure } from "../../trpc.ts";
import { paymentPageOutput } from "./payments.output.ts";
import { listPayments, paymentPages } from "./payments.service.ts";

/** Payments arrive through the provider's webhook (src/http/payment-webhook.ts), never through a procedure. */
export const paymentsRouter = {
  list: roleProcedure("admin")
    .meta({ scopes: ["payments:read"], openapi: rest("GET", "/payments", "List payments", "Payments") })
    .input(paymentPages.input(listPaymentsInput).prefault({}))
    .output(paymentPageOutput)
    .query(({ ctx, input }) => listPayments(ctx, input)),
} satisfies TRPCRouterRecord;
