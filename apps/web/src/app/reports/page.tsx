import type { Metadata } from "next";
import { CreateReportForm } from "@/features/reports/create-report-form";
import { firstReportsPage } from "@/features/reports/report";
import { ReportList } from "@/features/reports/report-list";
import { requireMember } from "@/server/viewer";
import { HydrateClient, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Reports" };

export default async function ReportsPage() {
  await requireMember("/reports");
  await trpc.reports.list.prefetchInfinite(firstReportsPage);
  return (
    <>
      <h1>Reports</h1>
      <HydrateClient>
        <CreateReportForm />
        <ReportList />
      </HydrateClient>
    </>
  );
}
