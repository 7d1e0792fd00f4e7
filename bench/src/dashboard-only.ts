// `pnpm --filter @tally/bench bench:dashboard`: the dashboard section alone
// (about a minute), written to bench/results/dashboard.md.
import { writeFileSync } from "node:fs";
import { measureDashboardRender, renderDashboardSection } from "./dashboard-render.ts";
import { currentLoad, describeMachine } from "./machine.ts";

const loadBefore = currentLoad();
const result = await measureDashboardRender();
const machine = describeMachine("sequential fetch");
const report = [
  `# Dashboard render, ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`,
  "",
  `${machine.cpu}, Node ${machine.node}, ${machine.pinning}; 1-minute load ${loadBefore.toFixed(2)} before, ${currentLoad().toFixed(2)} after.`,
  "",
  ...renderDashboardSection(result),
].join("\n");
writeFileSync(new URL("../results/dashboard.md", import.meta.url), report);
console.log(report);
