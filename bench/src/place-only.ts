// `pnpm --filter @tally/bench bench:place`: the hot-product section alone (issue 19,
// item 3), on a database of its own (`tally_bench_place`), written to
// results/place.md; `pnpm bench` runs the same section with the rest, into latest.md.
import { runConfig } from "./bench-config.ts";
import { prepareBenchDatabase } from "./database.ts";
import { currentLoad } from "./machine.ts";
import { placeSection } from "./place-report.ts";
import { measureHotProduct } from "./place-servers.ts";
import { writeSectionReport } from "./section-report.ts";
import { startServer } from "./server-process.ts";
import { signIn } from "./session.ts";
import { targetSpecs } from "./targets.ts";

const log = (message: string) => console.error(`bench: ${message}`);
const loadBefore = currentLoad();
const databaseUrl = await prepareBenchDatabase(runConfig().BENCH_DATABASE_URL, "tally_bench_place");
const signInServer = await startServer(targetSpecs(databaseUrl).lane);
const token = await signIn(signInServer.origin).finally(() => signInServer.stop());
log("orders.place on one product");
const results = await measureHotProduct(databaseUrl, token);
writeSectionReport({
  title: "Performance record, hot product alone (`pnpm --filter @tally/bench bench:place`)",
  loadBefore,
  loadGenerator: "none (the bench's own fetch clients)",
  lines: placeSection(results),
  file: "place.md",
});
