// `pnpm --filter @tally/bench bench:place`: the hot-product section alone (issue 19,
// item 3), on a database of its own (`tally_bench_place`), written to
// results/place.md; `pnpm bench` runs the same section with the rest, into latest.md.
import { writeFileSync } from "node:fs";
import { runConfig } from "./bench-config.ts";
import { prepareBenchDatabase } from "./database.ts";
import { currentLoad, describeMachine } from "./machine.ts";
import { placeSection } from "./place-report.ts";
import { measureHotProduct } from "./place-servers.ts";
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
const machine = describeMachine("none (the bench's own fetch clients)");
const report = [
  "# Performance record, hot product alone (`pnpm --filter @tally/bench bench:place`)",
  "",
  `${new Date().toISOString()} · ${machine.cpu} · Node ${machine.node}`,
  "",
  `- Versions: ${machine.versions}`,
  `- Load average (1 min) ${loadBefore.toFixed(2)} before, ${currentLoad().toFixed(2)} after: above the core count means something else competed for the CPU.`,
  "",
  ...placeSection(results),
].join("\n");
writeFileSync(new URL("../results/place.md", import.meta.url), report);
console.log(report);
