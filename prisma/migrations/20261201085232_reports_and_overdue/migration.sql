-- CreateEnum
CREATE TYPE "ReportStatus" AS ENUM ('queued', 'running', 'done', 'failed', 'cancelled');

-- AlterTable
ALTER TABLE "invoice" ADD COLUMN     "overdueAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "report_run" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "requestedById" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "groupBy" TEXT NOT NULL,
    "from" TIMESTAMP(3) NOT NULL,
    "to" TIMESTAMP(3) NOT NULL,
    "status" "ReportStatus" NOT NULL DEFAULT 'queued',
    "rowsDone" INTEGER NOT NULL DEFAULT 0,
    "rowsTotal" INTEGER,
    "failureReason" TEXT,
    "attempt" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3),

    CONSTRAINT "report_run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "report_file" (
    "reportId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "csv" BYTEA NOT NULL,
    "rows" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "report_file_pkey" PRIMARY KEY ("reportId")
);

-- CreateIndex
CREATE INDEX "report_run_organizationId_createdAt_id_idx" ON "report_run"("organizationId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "invoice_status_dueAt_idx" ON "invoice"("status", "dueAt");

-- AddForeignKey
ALTER TABLE "report_run" ADD CONSTRAINT "report_run_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "report_file" ADD CONSTRAINT "report_file_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "report_run"("id") ON DELETE CASCADE ON UPDATE CASCADE;
