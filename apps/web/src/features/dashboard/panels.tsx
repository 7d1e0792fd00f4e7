import type { ComponentType } from "react";
import { trpc } from "@/trpc/server";
import { InvoicesAtRiskPanel } from "../insights/invoices-at-risk-panel";
import { ReorderSoonPanel } from "../insights/reorder-soon-panel";
import { InvoiceTotalsPanel } from "./invoice-totals-panel";
import { LowStockPanel } from "./low-stock-panel";
import { ReceivedPanel } from "./received-panel";
import { RecentOrdersPanel } from "./recent-orders-panel";
import { SalesPanel } from "./sales-panel";
import { TopCustomersPanel } from "./top-customers-panel";

export type DashboardPanel = {
  /** Stable, unique: names the panel's heading id. */
  id: string;
  title: string;
  /** Shown to admins and owners only; the procedure behind the panel refuses members anyway. */
  adminOnly?: boolean;
  /** Spans the full row of the grid. */
  wide?: boolean;
  Panel: ComponentType;
  /** Fills the query the panel reads during the server render, so it arrives with the page. */
  prefetch?: () => Promise<void>;
};

const overview = () => trpc.dashboard.overview.prefetch();
const cash = () => trpc.dashboard.cash.prefetch();

/** The home page, in order. A new panel is one line here. */
export const dashboardPanels: DashboardPanel[] = [
  {
    id: "open-invoices",
    title: "Open invoices",
    Panel: () => <InvoiceTotalsPanel which="open" />,
    prefetch: overview,
  },
  {
    id: "overdue",
    title: "Overdue",
    Panel: () => <InvoiceTotalsPanel which="overdue" />,
    prefetch: overview,
  },
  { id: "low-stock", title: "Low stock", Panel: LowStockPanel, prefetch: overview },
  { id: "top-customers", title: "Top customers", Panel: TopCustomersPanel, prefetch: overview },
  { id: "sales", title: "Sales", wide: true, Panel: SalesPanel, prefetch: overview },
  {
    id: "received",
    title: "Money received",
    adminOnly: true,
    wide: true,
    Panel: ReceivedPanel,
    prefetch: cash,
  },
  { id: "recent-orders", title: "Recent orders", wide: true, Panel: RecentOrdersPanel, prefetch: overview },
  // From the insights service: never prefetched, so a slow service cannot hold the page.
  { id: "reorder-soon", title: "Reorder soon", wide: true, Panel: ReorderSoonPanel },
  { id: "invoices-at-risk", title: "Invoices at risk", wide: true, Panel: InvoicesAtRiskPanel },
];
