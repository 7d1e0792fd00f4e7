import type { Metadata } from "next";
import { DashboardGrid } from "@/features/dashboard/dashboard-grid";
import { dashboardPanels } from "@/features/dashboard/panels";
import { showsAdminControls } from "@/lib/roles";
import { requireMember } from "@/server/viewer";

export const metadata: Metadata = { title: "Dashboard" };

/** The home page: how the business is doing, every figure a link to the list behind it. */
export default async function DashboardPage() {
  const viewer = await requireMember("/");
  const panels = dashboardPanels.filter((panel) => !panel.adminOnly || showsAdminControls(viewer.role));
  return (
    <>
      <div className="page-heading">
        <h1>Dashboard</h1>
        <p className="muted">{viewer.activeOrganization.name}</p>
      </div>
      <DashboardGrid panels={panels} />
    </>
  );
}
