// `pnpm --filter @tally/bench bench:jobs`: the jobs section alone, on a database of its own
// (`tally_bench_jobs`, so it never collides with a full run's `tally_bench`), written to
// results/jobs-latest.md; `pnpm bench` runs the same section with the rest, into latest.md.
import { runConfig } from "./bench-config.ts";
import { prepareBenchDatabase } from "./database.ts";
import { measureJobs } from "./jobs-bench.ts";
import { jobsSection } from "./jobs-report.ts";
import { currentLoad } from "./machine.ts";
import { writeSectionReport } from "./section-report.ts";

const log = (message: string) => console.error(`bench: ${message}`);
const loadBefore = currentLoad();
const databaseUrl = await prepareBenchDatabase(runConfig().BENCH_DATABASE_URL, "tally_bench_jobs");
const jobs = await measureJobs(databaseUrl, log);
writeSectionReport({
  title: "Performance record, jobs section alone (`pnpm --filter @tally/bench bench:jobs`)",
  loadBefore,
  loadGenerator: "none (no HTTP load in this section)",
  lines: jobsSection(jobs),
  file: "jobs-latest.md",
});
