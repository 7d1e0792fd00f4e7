// `pnpm --filter @tally/bench bench:jobs`: the jobs section alone, on a database of its own
// (`tally_bench_jobs`), printed as the report's section; `pnpm bench` runs it with the rest.
import { runConfig } from "./bench-config.ts";
import { prepareBenchDatabase } from "./database.ts";
import { measureJobs } from "./jobs-bench.ts";
import { jobsSection } from "./jobs-report.ts";

const log = (message: string) => console.error(`bench: ${message}`);
const databaseUrl = await prepareBenchDatabase(runConfig().BENCH_DATABASE_URL, "tally_bench_jobs");
console.log(jobsSection(await measureJobs(databaseUrl, log)).join("\n"));
