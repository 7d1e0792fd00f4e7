import { invoiceByIdInput, issueInvoiceInput, listInvoicesInput, voidInvoiceInput } from "@tally/validators";
import type { TRPCRouterRecord } from "@trpc/server";
import { idempotently } from "../../idempotency.ts";
import { orgProcedure, roleProcedure } from "../../trpc.ts";
import { issueInvoice, voidInvoice } from "./invoice-lifecycle.service.ts";
import { invoiceCursor } from "./invoices.cursor.ts";
import { getInvoice, listInvoices } from "./invoices.service.ts";

export const invoicesRouter = {
  list: orgProcedure
    .input(listInvoicesInput.extend({ cursor: invoiceCursor.input.optional() }).prefault({}))
    .query(({ ctx, input }) => listInvoices(ctx, input)),
  get: orgProcedure.input(invoiceByIdInput).query(({ ctx, input }) => getInvoice(ctx, input.id)),
  issue: roleProcedure("admin")
    .input(issueInvoiceInput)
    .mutation(({ ctx, input }) => idempotently(ctx, "invoices.issue", input, () => issueInvoice(ctx, input))),
  void: roleProcedure("admin")
    .input(voidInvoiceInput)
    .mutation(({ ctx, input }) => idempotently(ctx, "invoices.void", input, () => voidInvoice(ctx, input))),
} satisfies TRPCRouterRecord;
