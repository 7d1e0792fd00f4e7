// `pnpm --filter @tally/bench bench:jobs`: the jobs section alone, on a database of its own
// (`tally_bench_jobs`, so it never collides with a full run's `tally_bench`), written to
// results/jobs-latest.md; `pnpm bench` runs the same section with the rest, into latest.md.
import { writeFileSync } from "node:fs";
import { runConfig } from "./bench-config.ts";
import { prepareBenchDatabase } from "./database.ts";
import { measureJobs } from "./jobs-bench.ts";
import { jobsSection } from "./jobs-report.ts";
import { currentLoad, describeMachine } from "./machine.ts";

const log = (message: string) => console.error(`bench: ${message}`);
const loadBefore = currentLoad();
const databaseUrl = await prepareBenchDatabase(runConfig().BENCH_DATABASE_URL, "tally_bench_jobs");
const jobs = await measureJobs(databaseUrl, log);
const machine = describeMachine("none (no HTTP load in this section)");
const report = [
  "# Performance record, jobs section alone (`pnpm --filter @tally/bench bench:jobs`)",
  "",
  `${new Date().toISOString()} · ${machine.cpu} · Node ${machine.node}`,
  "",
  `- Versions: ${machine.versions}`,
  `- Load average (1 min) ${loadBefore.toFixed(2)} before, ${currentLoad().toFixed(2)} after: above the core count means something else competed for the CPU.`,
  "",
  ...jobsSection(jobs),
].join("\n");
writeFileSync(new URL("../results/jobs-latest.md", import.meta.url), report);
console.log(report);
