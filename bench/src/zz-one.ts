import { runConfig } from "./bench-config.ts";
import { prepareBenchDatabase } from "./database.ts";
import { measurePlaceOrders } from "./place-orders.ts";
import { startServer } from "./server-process.ts";
import { signIn } from "./session.ts";
import { targetSpecs } from "./targets.ts";

const databaseUrl = await prepareBenchDatabase(runConfig().BENCH_DATABASE_URL, "tally_bench_place");
import { execSync } from "node:child_process";
execSync(`psql -h 127.0.0.1 -U postgres -c "alter database tally_bench_place set log_statement='all'"`);
const server = await startServer(targetSpecs(databaseUrl).lane);
const token = await signIn(server.origin);
const results = await measurePlaceOrders(databaseUrl, token, [
  { server: { label: "one", origin: server.origin, cpuMicros: server.cpuMicros }, clients: 1 },
]);
console.log(JSON.stringify(results.map((r) => ({ placed: r.placed, cpu: r.cpuMicrosPerOrder }))));
await server.stop();
