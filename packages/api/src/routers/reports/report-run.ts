import { type Prisma, type PrismaClient, recordAuditEvent } from "@tally/db";
import type { ReportStatus } from "@tally/validators";
import { type EventInput, recordEvent } from "../../events/events.record.ts";

/** How long a finished report can be downloaded. */
export const REPORT_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * How a run paces itself: rows per batch, and a pause between batches that
 * leaves the database to interactive requests (0 by default; tests slow a run
 * down to watch it).
 */
export type ReportPacing = { batchSize?: number; pauseMs?: number };

export type RunOutcome = "done" | "cancelled" | "superseded" | "missing";
export type RunRef = { organizationId: string; reportId: string };

/** What a claimed run asks for; which fields matter depends on its kind. */
export type ClaimedRun = {
  attempt: number;
  kind: string;
  groupBy: string | null;
  from: Date | null;
  to: Date | null;
  invoiceStatus: string | null;
  customerId: string | null;
};

/**
 * Takes the run for this attempt: queued or running (a retry after a crash)
 * becomes running under a new attempt number, with progress reset. A run that
 * is cancelled, done or failed is left alone.
 */
export function claimRun(db: PrismaClient, { organizationId, reportId }: RunRef) {
  return db.$transaction(async (tx) => {
    const [run] = await tx.$queryRaw<ClaimedRun[]>`
      UPDATE report_run SET status = 'running', attempt = attempt + 1, "rowsDone" = 0, "rowsTotal" = NULL,
        "startedAt" = now()
      WHERE id = ${reportId} AND "organizationId" = ${organizationId} AND status IN ('queued', 'running')
      RETURNING attempt, kind, "groupBy", "from", "to", "invoiceStatus", "customerId"`;
    if (run)
      await recordEvent(
        tx,
        progressEvent({ organizationId, reportId }, { status: "running", rowsDone: 0, rowsTotal: null }),
      );
    return run;
  });
}

/** A run's state after a change, as its subscribers see it (the progress bar). */
export function progressEvent(
  { organizationId, reportId }: RunRef,
  { status, rowsDone, rowsTotal }: { status: ReportStatus; rowsDone: number; rowsTotal: number | null },
): EventInput {
  // Picked field by field: callers pass whole rows, and only these three may leave in an event.
  return {
    organizationId,
    kind: "report.progress",
    recordId: reportId,
    data: { status, rowsDone, rowsTotal },
  };
}

const progressFields = { status: true, rowsDone: true, rowsTotal: true } satisfies Prisma.ReportRunSelect;

/**
 * Records progress for this attempt; false when the attempt no longer holds
 * the run (cancelled, or taken over by a retry), and the caller must stop.
 */
export function recordProgress(
  db: PrismaClient,
  run: RunRef,
  attempt: number,
  progress: { rowsDone: number } | { rowsTotal: number },
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const [held] = await tx.reportRun.updateManyAndReturn({
      where: { id: run.reportId, organizationId: run.organizationId, attempt, status: "running" },
      data: progress,
      select: progressFields,
    });
    if (held) await recordEvent(tx, progressEvent(run, held));
    return held !== undefined;
  });
}

/** Why an attempt lost its run: a member cancelled it, or another attempt took it over. */
export async function lostRunOutcome(db: Prisma.TransactionClient, reportId: string): Promise<RunOutcome> {
  const run = await db.reportRun.findUnique({ where: { id: reportId }, select: { status: true } });
  return run?.status === "cancelled" ? "cancelled" : "superseded";
}

/**
 * The file and the `done` state in one transaction guarded by the attempt, so
 * a report is written once however many attempts reach this point.
 */
export function finishRun(
  db: PrismaClient,
  { organizationId, reportId }: RunRef,
  attempt: number,
  result: { csv: Uint8Array<ArrayBuffer>; rows: number; rowsDone: number; details: Prisma.InputJsonObject },
): Promise<RunOutcome> {
  return db.$transaction(async (tx) => {
    const finished = await tx.reportRun.updateMany({
      where: { id: reportId, organizationId, attempt, status: "running" },
      data: {
        status: "done",
        rowsDone: result.rowsDone,
        rowsTotal: result.rowsDone,
        finishedAt: new Date(),
        expiresAt: new Date(Date.now() + REPORT_TTL_MS),
      },
    });
    if (finished.count === 0) return lostRunOutcome(tx, reportId);
    await tx.reportFile.create({ data: { reportId, organizationId, csv: result.csv, rows: result.rows } });
    await recordEvent(
      tx,
      progressEvent(
        { organizationId, reportId },
        { status: "done", rowsDone: result.rowsDone, rowsTotal: result.rowsDone },
      ),
    );
    await recordAuditEvent(tx, {
      organizationId,
      action: "report.completed",
      targetType: "report",
      targetId: reportId,
      details: result.details,
    });
    return "done";
  });
}

/** Marks the run failed, in words for the member who asked (the job's own error stays in the queue). */
export async function failReport(db: PrismaClient, run: RunRef, reason: string) {
  await db.$transaction(async (tx) => {
    const [failed] = await tx.reportRun.updateManyAndReturn({
      where: { id: run.reportId, organizationId: run.organizationId, status: { in: ["queued", "running"] } },
      data: { status: "failed", failureReason: reason, finishedAt: new Date() },
      select: progressFields,
    });
    if (failed) await recordEvent(tx, progressEvent(run, failed));
  });
}

export const pause = (ms: number) =>
  ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
