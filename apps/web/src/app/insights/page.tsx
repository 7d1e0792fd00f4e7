import type { Metadata } from "next";
import { InsightsPanels } from "@/features/insights/insights-panels";
import { requireMember } from "@/server/viewer";

export const metadata: Metadata = { title: "Insights" };

/** Renders at once: the panels ask the API themselves, so a slow insights service never holds the page. */
export default async function InsightsPage() {
  await requireMember("/insights");
  return (
    <>
      <h1>Insights</h1>
      <InsightsPanels />
    </>
  );
}
