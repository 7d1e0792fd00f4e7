// `pnpm bench`: the same small query through each host, one at a time, loaded
// with identical autocannon settings; ratios are to raw node:http in this run.
import { writeFileSync } from "node:fs";
import { cpus } from "node:os";
import autocannon from "autocannon";
import { startTarget, targetSpecs } from "./targets.ts";

const DURATION_S = Number(process.env.BENCH_DURATION ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

type Row = { name: string; rps: number; p50: number; p99: number; errors: number };

async function load(url: string, duration: number) {
  const input = encodeURIComponent(JSON.stringify({ json: { echo: "bench" } }));
  return autocannon({ url: `${url}?input=${input}`, connections: CONNECTIONS, duration, pipelining: 1 });
}

const rows: Row[] = [];
for (const spec of targetSpecs(DATABASE_URL)) {
  const target = await startTarget(spec);
  try {
    await load(target.url, 2); // warm-up: JIT, connection pools, Next's route compilation
    const result = await load(target.url, DURATION_S);
    rows.push({
      name: target.name,
      rps: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors: result.errors + result.non2xx,
    });
    console.error(`bench: ${target.name}: ${Math.round(result.requests.average)} req/s`);
  } finally {
    await target.stop();
  }
}

const baseline = rows[0]?.rps ?? 1;
const table = [
  `| target | req/s | p50 ms | p99 ms | errors | ratio to raw |`,
  `|---|---:|---:|---:|---:|---:|`,
  ...rows.map(
    (r) =>
      `| ${r.name} | ${Math.round(r.rps)} | ${r.p50} | ${r.p99} | ${r.errors} | ${(r.rps / baseline).toFixed(3)}× |`,
  ),
].join("\n");
const report = [
  `# Benchmark: health.ping (zod-validated query, superjson envelope)`,
  ``,
  `${new Date().toISOString()} · Node ${process.version} · ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}`,
  `autocannon: ${CONNECTIONS} connections, ${DURATION_S} s per target after a 2 s warm-up; one target at a time.`,
  ``,
  table,
  ``,
].join("\n");
console.log(report);
writeFileSync(new URL("../results/latest.md", import.meta.url), report);
