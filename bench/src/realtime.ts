// `pnpm --filter @tally/bench bench:realtime` (part of `pnpm bench`): live events through two
// apps/server processes on one database, 1,000 subscribers split across them, once over SSE and
// once over WebSocket. Results go to bench/results/realtime-latest.md.
import { readFileSync, writeFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { runConfig } from "./bench-config.ts";
import { prepareBenchDatabase } from "./database.ts";
import { currentLoad, describeMachine } from "./machine.ts";
import { type RunningServer, startServer } from "./server-process.ts";
import { signIn } from "./session.ts";
import { targetSpecs } from "./targets.ts";

const SUBSCRIBERS = 1_000;
const LATENCY_EVENTS = 40;
const THROUGHPUT_SECONDS = 8;
const THROUGHPUT_WRITERS = 6;
const KINDS = { kinds: ["order.created"] };

const log = (message: string) => console.error(`bench realtime: ${message}`);
const config = runConfig();
const loadBefore = currentLoad();
const databaseUrl = await prepareBenchDatabase(config.BENCH_DATABASE_URL, "tally_bench_realtime");
const lane = targetSpecs(databaseUrl).lane;
const spec = {
  ...lane,
  name: "apps/server (events hub)",
  env: { ...lane.env, TALLY_WORKERS: "false", TALLY_SUBSCRIPTIONS_PER_USER: String(SUBSCRIBERS * 2) },
};
const servers = [await startServer(spec), await startServer(spec)];
const token = await signIn(servers[0]?.origin ?? "");
const customerId = await firstCustomer(servers[0]?.origin ?? "");

/** When each delivery of a timed order arrived, by order id (a delivery can beat the mutation's answer). */
const arrivals = new Map<string, number[]>();
let timing = false;
let delivered = 0;

function onDelivery(recordId: string) {
  delivered += 1;
  if (!timing) return;
  const times = arrivals.get(recordId);
  if (times) times.push(performance.now());
  else arrivals.set(recordId, [performance.now()]);
}

type Transport = "SSE" | "WebSocket";
type Result = {
  transport: Transport;
  connectMs: number;
  p50: number;
  p99: number;
  max: number;
  missing: number;
  mutationP50: number;
  deliveriesPerSecond: number;
  deliveriesPerCoreSecond: number;
  memoryPerSubscriptionKb: number;
};

const results: Result[] = [];
try {
  for (const transport of ["SSE", "WebSocket"] as const) results.push(await measure(transport));
} finally {
  await Promise.all(servers.map((server) => server.stop()));
}

const report = render(results);
writeFileSync(new URL("../results/realtime-latest.md", import.meta.url), report);
console.log(report);

async function measure(transport: Transport): Promise<Result> {
  await sleep(1_000);
  const rssBefore = servers.map((server) => rssKb(server.pid));
  const connecting = performance.now();
  const closers = await Promise.all(
    Array.from({ length: SUBSCRIBERS }, (_, index) => {
      const server = servers[index % servers.length] as RunningServer;
      return transport === "SSE" ? openSse(server.origin) : openWebSocket(server.origin);
    }),
  );
  const connectMs = performance.now() - connecting;
  log(`${transport}: ${SUBSCRIBERS} subscribers connected in ${Math.round(connectMs)} ms`);
  await sleep(3_000); // idle: what the subscriptions themselves hold
  const rssIdle = servers.map((server) => rssKb(server.pid));
  const memoryPerSubscriptionKb = (sum(rssIdle) - sum(rssBefore)) / SUBSCRIBERS;

  // Latency: one change at a time, alternately through each server, every subscriber must get it.
  const latencies: number[] = [];
  const mutationTimes: number[] = [];
  timing = true;
  let missing = 0;
  for (let n = 0; n < LATENCY_EVENTS; n++) {
    const target = servers[n % servers.length] as RunningServer;
    const before = delivered;
    const started = performance.now();
    const id = await createOrder(target.origin);
    mutationTimes.push(performance.now() - started);
    const deadline = performance.now() + 5_000;
    while (delivered - before < SUBSCRIBERS && performance.now() < deadline) await sleep(5);
    const times = arrivals.get(id) ?? [];
    missing += Math.max(0, SUBSCRIBERS - times.length);
    for (const time of times) latencies.push(time - started);
    arrivals.clear();
    await sleep(100);
  }
  timing = false;
  const sorted = latencies.sort((a, b) => a - b);

  // Throughput: writers as fast as they go through both servers; deliveries counted against server CPU.
  const cpuBefore = servers.map((server) => server.cpuMicros() ?? 0);
  const deliveredBefore = delivered;
  const until = performance.now() + THROUGHPUT_SECONDS * 1000;
  await Promise.all(
    Array.from({ length: THROUGHPUT_WRITERS }, async (_, writer) => {
      for (let n = 0; performance.now() < until; n++)
        await createOrder((servers[(writer + n) % servers.length] as RunningServer).origin);
    }),
  );
  await sleep(1_000); // the last deliveries
  const deliveredDuring = delivered - deliveredBefore;
  const cpuSeconds =
    sum(servers.map((server, index) => (server.cpuMicros() ?? 0) - (cpuBefore[index] ?? 0))) / 1e6;

  for (const close of closers) close();
  await sleep(1_000);
  return {
    transport,
    connectMs,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    max: sorted.at(-1) ?? Number.NaN,
    missing,
    mutationP50: percentile(
      [...mutationTimes].sort((a, b) => a - b),
      0.5,
    ),
    deliveriesPerSecond: deliveredDuring / (THROUGHPUT_SECONDS + 1),
    deliveriesPerCoreSecond: cpuSeconds > 0 ? deliveredDuring / cpuSeconds : Number.NaN,
    memoryPerSubscriptionKb,
  };
}

/** orders.create through one server; its id. */
async function createOrder(origin: string): Promise<string> {
  const response = await fetch(`${origin}/trpc/orders.create`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ json: { customerId } }),
  });
  const body = (await response.json()) as { result?: { data?: { json?: { id?: string } } } };
  const id = body.result?.data?.json?.id;
  if (!id) throw new Error(`orders.create failed: ${response.status} ${JSON.stringify(body)}`);
  return id;
}

/** A raw SSE client (what httpSubscriptionLink reads), kept lean so the bench measures the servers. */
async function openSse(origin: string): Promise<() => void> {
  const abort = new AbortController();
  const input = encodeURIComponent(JSON.stringify({ json: KINDS }));
  const response = await fetch(`${origin}/trpc/events.onChange?input=${input}`, {
    headers: { authorization: `Bearer ${token}`, accept: "text/event-stream" },
    signal: abort.signal,
  });
  if (!response.ok || !response.body) throw new Error(`SSE refused: ${response.status}`);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffer += value;
      let end = buffer.indexOf("\n\n");
      while (end >= 0) {
        const chunk = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const recordId = /"recordId":"([^"]+)"/.exec(chunk)?.[1];
        if (recordId && !chunk.startsWith("event:")) onDelivery(recordId);
        end = buffer.indexOf("\n\n");
      }
    }
  })();
  return () => abort.abort();
}

/** A raw tRPC WebSocket client (what wsLink speaks): token in connectionParams, PONG to the server's PING. */
function openWebSocket(origin: string): Promise<() => void> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${origin.replace(/^http/, "ws")}/trpc?connectionParams=1`);
    socket.onerror = () => reject(new Error("WebSocket refused"));
    socket.onopen = () => {
      socket.send(JSON.stringify({ method: "connectionParams", data: { token } }));
      socket.send(
        JSON.stringify({
          id: 1,
          method: "subscription",
          params: { path: "events.onChange", input: { json: KINDS } },
        }),
      );
      resolve(() => socket.close());
    };
    socket.onmessage = ({ data }) => {
      const text = String(data);
      if (text === "PING") return socket.send("PONG");
      const recordId = /"recordId":"([^"]+)"/.exec(text)?.[1];
      if (recordId) onDelivery(recordId);
    };
  });
}

async function firstCustomer(origin: string): Promise<string> {
  const response = await fetch(`${origin}/trpc/customers.create`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ json: { name: "Realtime bench customer" } }),
  });
  const body = (await response.json()) as { result?: { data?: { json?: { id?: string } } } };
  const id = body.result?.data?.json?.id;
  if (!id) throw new Error(`customers.create failed: ${response.status} ${JSON.stringify(body)}`);
  return id;
}

function rssKb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
}

function sum(values: number[]) {
  return values.reduce((total, value) => total + value, 0);
}

function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}

function ms(value: number) {
  return `${value.toFixed(1)} ms`;
}

function render(rows: Result[]): string {
  const machine = describeMachine("built-in clients");
  const lines = [
    "# Realtime: live events across two server processes",
    "",
    `${new Date().toISOString()} · ${machine.cpu} · Node ${machine.node} · ${machine.pinning}`,
    `Load average before: ${loadBefore}; after: ${currentLoad()}. Both servers pinned to the server core when taskset is there; the subscribers run in the bench process.`,
    "",
    `${SUBSCRIBERS} subscribers to \`events.onChange\` (kinds: order.created), split evenly across two apps/server processes on one PostgreSQL database; one user (the per-user limit raised for the run). Latency: ${LATENCY_EVENTS} orders created one at a time, alternately through each server; each delivery is timed from the moment the orders.create request was sent, so the figure includes the mutation itself (an upper bound on commit-to-delivery; the mutation's own round trip is in its column). Throughput: ${THROUGHPUT_WRITERS} writers creating orders through both servers for ${THROUGHPUT_SECONDS} s; deliveries per second of server CPU time (both processes together). Memory: the servers' resident memory with every subscriber connected and idle, minus before, per subscription.`,
    "",
    "| transport | connect 1,000 | request → delivery p50 | p99 | max | deliveries missing | orders.create p50 | deliveries/s | deliveries per server CPU-second | memory per idle subscription |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ...rows.map(
      (row) =>
        `| ${row.transport} | ${Math.round(row.connectMs)} ms | ${ms(row.p50)} | ${ms(row.p99)} | ${ms(row.max)} | ${row.missing} | ${ms(row.mutationP50)} | ${Math.round(row.deliveriesPerSecond)} | ${Math.round(row.deliveriesPerCoreSecond)} | ${row.memoryPerSubscriptionKb.toFixed(1)} KiB |`,
    ),
    "",
  ];
  return lines.join("\n");
}
