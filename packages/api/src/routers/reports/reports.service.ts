import { enqueue } from "@tally/jobs";
import type { CreateReportInput, CursorPage, ListReportsInput } from "@tally/validators";
import { TRPCError } from "@trpc/server";
import { notFound } from "../../errors.ts";
import { recordEvent } from "../../events/events.record.ts";
import { newestFirst, type PageQuery } from "../../pagination.ts";
import { queueOf } from "../../queue.ts";
import { inTransaction } from "../../transaction.ts";
import type { OrgContext } from "../../trpc.ts";
import { recordAudit } from "../audit/audit.service.ts";
import { progressEvent } from "./report-run.ts";
import { type ReportView, reportSelect } from "./reports.select.ts";

export const reportPages = newestFirst("createdAt");
export type ListReportsQuery = PageQuery<typeof reportPages, ListReportsInput>;

/** The run row, its audit row and its job commit together: a report is never asked for without work queued. */
export function createReport(ctx: OrgContext, input: CreateReportInput): Promise<ReportView> {
  return inTransaction(ctx, async (tx) => {
    const report = await tx.reportRun.create({
      data: { ...reportParameters(input), organizationId: ctx.org.id, requestedById: ctx.user.id },
      select: reportSelect,
    });
    await enqueue(
      queueOf(ctx),
      tx,
      "reports.run",
      { organizationId: ctx.org.id, reportId: report.id },
      { organizationId: ctx.org.id },
    );
    await recordAudit(
      ctx,
      {
        organizationId: ctx.org.id,
        action: "report.requested",
        targetType: "report",
        targetId: report.id,
        details: input.kind === "sales" ? { kind: input.kind, groupBy: input.groupBy } : { kind: input.kind },
      },
      tx,
    );
    await recordEvent(tx, progressEvent({ organizationId: ctx.org.id, reportId: report.id }, report));
    return report;
  });
}

/** The run row's columns for each kind (the invoice status has a column of its own: a run has a status too). */
function reportParameters(input: CreateReportInput) {
  if (input.kind === "sales")
    return { kind: input.kind, groupBy: input.groupBy, from: input.from, to: input.to };
  return {
    kind: input.kind,
    invoiceStatus: input.status ?? null,
    customerId: input.customerId ?? null,
    from: input.from ?? null,
    to: input.to ?? null,
  };
}

export function listReports(ctx: OrgContext, input: ListReportsQuery): Promise<CursorPage<ReportView>> {
  return reportPages.fetchPage(input, ({ after, orderBy, take }) =>
    ctx.db.reportRun.findMany({
      where: { AND: [{ organizationId: ctx.org.id }, input.status ? { status: input.status } : {}, after] },
      orderBy,
      take,
      select: reportSelect,
    }),
  );
}

export async function getReport(ctx: OrgContext, id: string): Promise<ReportView> {
  const report = await ctx.db.reportRun.findFirst({
    where: { id, organizationId: ctx.org.id },
    select: reportSelect,
  });
  if (!report) throw notFound("Report", id);
  return report;
}

/** Queued or running only; a running job notices at its next batch, within a second or two. */
export function cancelReport(ctx: OrgContext, id: string): Promise<ReportView> {
  return inTransaction(ctx, async (tx) => {
    const { count } = await tx.reportRun.updateMany({
      where: { id, organizationId: ctx.org.id, status: { in: ["queued", "running"] } },
      data: { status: "cancelled", finishedAt: new Date() },
    });
    if (count === 0) {
      const report = await tx.reportRun.findFirst({
        where: { id, organizationId: ctx.org.id },
        select: { status: true },
      });
      if (!report) throw notFound("Report", id);
      throw new TRPCError({
        code: "CONFLICT",
        message: `The report is ${report.status}: only a queued or running report can be cancelled`,
      });
    }
    await recordAudit(
      ctx,
      { organizationId: ctx.org.id, action: "report.cancelled", targetType: "report", targetId: id },
      tx,
    );
    const report = await tx.reportRun.findUniqueOrThrow({ where: { id }, select: reportSelect });
    await recordEvent(tx, progressEvent({ organizationId: ctx.org.id, reportId: id }, report));
    return report;
  });
}

/** The finished CSV for a member of its organisation, until it expires; hosts serve it as a download. */
export async function downloadReport(ctx: OrgContext, id: string): Promise<{ name: string; csv: string }> {
  const report = await ctx.db.reportRun.findFirst({
    where: { id, organizationId: ctx.org.id },
    select: {
      status: true,
      kind: true,
      createdAt: true,
      groupBy: true,
      from: true,
      to: true,
      expiresAt: true,
      file: { select: { csv: true } },
    },
  });
  if (!report) throw notFound("Report", id);
  if (report.status !== "done" || !report.file)
    throw new TRPCError({
      code: "CONFLICT",
      message: `The report is ${report.status}: there is nothing to download yet`,
    });
  if (report.expiresAt && report.expiresAt < new Date())
    throw new TRPCError({ code: "NOT_FOUND", message: `Report ${id} has expired: create it again` });
  const day = (date: Date) => date.toISOString().slice(0, 10);
  const name =
    report.kind === "sales" && report.from && report.to
      ? `sales-by-${report.groupBy}-${day(report.from)}-${day(report.to)}.csv`
      : `invoices-${day(report.createdAt)}.csv`;
  return {
    name,
    csv: Buffer.from(report.file.csv).toString("utf8"),
  };
}
