import type { PlaceResult } from "./place-orders.ts";

const fixed = (value: number, digits = 0) =>
  value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / (values.length || 1);

/** The hot-product table and the issue 19 verdict per server: 50 clients at least as fast as 10, p99 under 200 ms. */
export function placeSection(results: PlaceResult[]): string[] {
  if (results.length === 0) return [];
  const servers = [...new Set(results.map((result) => result.server))];
  const at = (server: string, clients: number) =>
    results.filter((result) => result.server === server && result.clients === clients);
  const verdicts = servers.flatMap((server) => {
    const ten = at(server, 10);
    const fifty = at(server, 50);
    if (!ten.length || !fifty.length) return [];
    const ratios = fifty.map(
      (result, index) => result.ordersPerSecond / (ten[index] ?? result).ordersPerSecond,
    );
    const worstP99 = Math.max(...fifty.map((result) => result.p99Ms));
    const met = ratios.every((ratio) => ratio >= 1) && worstP99 < 200;
    return [
      `- ${server}: 50 clients / 10 clients, orders/s, by round: ${ratios.map((ratio) => `${fixed(ratio, 2)}×`).join(" / ")}; worst p99 at 50 clients ${fixed(worstP99)} ms (goal ≥ 1× and < 200 ms: **${met ? "met" : "not met"}**).`,
    ];
  });
  const [configured, other] = servers;
  const comparison =
    configured && other
      ? [10, 50].map((clients) => {
          const ratio =
            mean(at(configured, clients).map((result) => result.ordersPerSecond)) /
            mean(at(other, clients).map((result) => result.ordersPerSecond));
          return `- ${clients} clients: ${configured} / ${other}, mean orders/s: ${fixed(ratio, 2)}×.`;
        })
      : [];
  return [
    "## orders.place on one hot product through apps/server (express lane) on PostgreSQL (issues 4 and 19)",
    "",
    "Each client places the next of thousands of prepared drafts, every one a line of the same product (stock reserved in a transaction, audit row), for 4 s. Two apps/server processes run side by side, as configured and with placements unbounded (`TALLY_PLACEMENT_CONCURRENCY=0`), measured in alternating rounds. The last three columns are the app's database sessions in pg_stat_activity, sampled every 10 ms (mean per sample): waiting on a lock, running a statement, idle inside a transaction (waiting for the app's next statement).",
    "",
    "| server | concurrent clients | round | orders placed | orders/s | p50 ms | p99 ms | errors | server CPU µs/order | lock wait | running | idle in transaction |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...results.map(
      (p) =>
        `| ${p.server} | ${p.clients} | ${p.round} | ${p.placed} | ${fixed(p.ordersPerSecond)} | ${fixed(p.p50Ms, 1)} | ${fixed(p.p99Ms, 1)} | ${p.errors} | ${p.cpuMicrosPerOrder === null ? "–" : fixed(p.cpuMicrosPerOrder)} | ${fixed(p.backends.lockWait, 1)} | ${fixed(p.backends.running, 1)} | ${fixed(p.backends.idleInTransaction, 1)} |`,
    ),
    "",
    ...verdicts,
    ...comparison,
    "",
  ];
}
