import { HydrateClient } from "@/trpc/server";
import type { DashboardPanel } from "./panels";

/**
 * Prefetches what the panels read (each query once, however many panels
 * share it), then lays them out; each panel shows its own loading, empty and
 * error states, so one failing query does not blank the page.
 */
export async function DashboardGrid({ panels }: { panels: readonly DashboardPanel[] }) {
  const prefetches = new Set(panels.flatMap((panel) => (panel.prefetch ? [panel.prefetch] : [])));
  await Promise.all([...prefetches].map((prefetch) => prefetch()));
  return (
    <HydrateClient>
      <div className="dashboard-grid">
        {panels.map(({ id, title, wide, Panel }) => (
          <section key={id} aria-labelledby={`panel-${id}`} className={wide ? "panel panel-wide" : "panel"}>
            <h2 id={`panel-${id}`}>{title}</h2>
            <Panel />
          </section>
        ))}
      </div>
    </HydrateClient>
  );
}
