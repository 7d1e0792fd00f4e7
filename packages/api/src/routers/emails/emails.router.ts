import { emailByIdInput, listEmailsInput } from "@tally/validators";
import type { TRPCRouterRecord } from "@trpc/server";
import { roleProcedure } from "../../trpc.ts";
import { emailPages, listEmails, previewEmail } from "./emails.service.ts";

/** What Tally emailed on the organisation's behalf: the delivery log, and in development the outbox itself. */
export const emailsRouter = {
  list: roleProcedure("admin")
    .input(emailPages.input(listEmailsInput).prefault({}))
    .query(({ ctx, input }) => listEmails(ctx, input)),
  preview: roleProcedure("admin")
    .input(emailByIdInput)
    .query(({ ctx, input }) => previewEmail(ctx, input.id)),
} satisfies TRPCRouterRecord;
