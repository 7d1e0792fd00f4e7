import {
  invoiceByIdInput,
  invoiceFilters,
  issueInvoiceInput,
  listInvoicesInput,
  voidInvoiceInput,
} from "@tally/validators";
import type { TRPCRouterRecord } from "@trpc/server";
import { rest } from "../../rest-route.ts";
import { orgProcedure, roleProcedure } from "../../trpc.ts";
import { invoicePdf } from "./invoice-document.service.ts";
import { countInvoices, exportInvoices } from "./invoice-export.service.ts";
import { issueInvoice, voidInvoice } from "./invoice-lifecycle.service.ts";
import { invoiceOutput, invoicePageOutput } from "./invoices.output.ts";
import { getInvoice, invoicePages, listInvoices } from "./invoices.service.ts";

const read = ["invoices:read"] as const;

export const invoicesRouter = {
  list: orgProcedure
    .meta({ scopes: read, openapi: rest("GET", "/invoices", "List invoices", "Invoices") })
    .input(invoicePages.input(listInvoicesInput).prefault({}))
    .output(invoicePageOutput)
    .query(({ ctx, input }) => listInvoices(ctx, input)),
  count: orgProcedure
    .meta({ scopes: read })
    .input(invoiceFilters.prefault({}))
    .query(({ ctx, input }) => countInvoices(ctx, input)),
  /** A direct download up to the configured size, a report beyond it. */
  export: orgProcedure
    .meta({ scopes: read })
    .input(invoiceFilters.prefault({}))
    .mutation(({ ctx, input }) => exportInvoices(ctx, input)),
  get: orgProcedure
    .meta({ scopes: read, openapi: rest("GET", "/invoices/{id}", "Get an invoice", "Invoices") })
    .input(invoiceByIdInput)
    .output(invoiceOutput)
    .query(({ ctx, input }) => getInvoice(ctx, input.id)),
  /** The PDF, base64-encoded for every transport; the hosts' download routes send the bytes. */
  pdf: orgProcedure
    .meta({ scopes: read })
    .input(invoiceByIdInput)
    .query(async ({ ctx, input }) => {
      const { fileName, pdf } = await invoicePdf(ctx, input.id);
      return { fileName, base64: pdf.toString("base64") };
    }),
  issue: roleProcedure("admin")
    .input(issueInvoiceInput)
    .meta({ idempotent: true })
    .mutation(({ ctx, input }) => issueInvoice(ctx, input)),
  void: roleProcedure("admin")
    .input(voidInvoiceInput)
    .meta({ idempotent: true })
    .mutation(({ ctx, input }) => voidInvoice(ctx, input)),
} satisfies TRPCRouterRecord;
