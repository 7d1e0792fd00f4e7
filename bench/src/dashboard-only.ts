// `pnpm --filter @tally/bench bench:dashboard`: the dashboard section alone
// (about a minute), written to bench/results/dashboard.md.
import { measureDashboardRender, renderDashboardSection } from "./dashboard-render.ts";
import { currentLoad } from "./machine.ts";
import { writeSectionReport } from "./section-report.ts";

const loadBefore = currentLoad();
const result = await measureDashboardRender();
writeSectionReport({
  title: "Dashboard render alone (`pnpm --filter @tally/bench bench:dashboard`)",
  loadBefore,
  loadGenerator: "sequential fetch",
  lines: renderDashboardSection(result),
  file: "dashboard.md",
});
