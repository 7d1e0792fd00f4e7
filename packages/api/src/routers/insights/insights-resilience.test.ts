/**
 * The insights service stopped, slow or broken: `insights.*` answers
 * "unavailable" within its deadline, stops calling once the circuit opens,
 * caps the calls in flight, and the rest of Tally does not wait for it.
 * A node:http stand-in plays the service (insights.fixtures.ts).
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { createTestApi, type TestApi } from "../../testing/index.ts";
import { type BillingOrganisation, billingOrganisation } from "../invoices/invoices.fixtures.ts";
import { callerWithRules, closedPortUrl, rulesFor, type StandIn, startStandIn } from "./insights.fixtures.ts";

let api: TestApi;
let acme: BillingOrganisation;
const standIns: StandIn[] = [];

beforeAll(async () => {
  api = await createTestApi();
  acme = await billingOrganisation(api);
  // Something to forecast and an open invoice to assess, so each call really goes out.
  await acme.issuedInvoice({ quantity: 2 });
});
afterAll(async () => {
  await Promise.all(standIns.map((standIn) => standIn.close()));
  await api?.close();
});

async function standIn(options: Parameters<typeof startStandIn>[0]) {
  const started = await startStandIn(options);
  standIns.push(started);
  return started;
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

test("a stopped service: unavailable at once, well within the deadline", async () => {
  const caller = callerWithRules(api, acme.owner, rulesFor(await closedPortUrl(), { timeoutMs: 2_000 }));
  const { value, ms } = await timed(() => caller.insights.reorderSoon());
  expect(value).toEqual({ state: "unavailable", reason: "unreachable" });
  expect(ms).toBeLessThan(2_000);
  expect(await caller.insights.invoicesAtRisk()).toEqual({ state: "unavailable", reason: "unreachable" });
});

test("a slow service times out; after five failed calls the circuit opens and answers without calling", async () => {
  const slow = await standIn({ delayMs: 20_000 });
  const caller = callerWithRules(api, acme.owner, rulesFor(slow.url, { timeoutMs: 300 }));

  const first = await timed(() => caller.insights.reorderSoon());
  expect(first.value).toEqual({ state: "unavailable", reason: "timeout" });
  expect(first.ms).toBeGreaterThanOrEqual(290);
  expect(first.ms).toBeLessThan(2_000);
  for (let call = 2; call <= 5; call++)
    expect(await caller.insights.invoicesAtRisk()).toEqual({ state: "unavailable", reason: "timeout" });
  // A timed-out attempt is not retried: one request per call.
  expect(slow.received).toHaveLength(5);

  const open = await timed(() => caller.insights.reorderSoon());
  expect(open.value).toEqual({ state: "unavailable", reason: "circuit_open" });
  expect(open.ms).toBeLessThan(290);
  expect(await caller.insights.invoicesAtRisk()).toEqual({ state: "unavailable", reason: "circuit_open" });
  expect(slow.received).toHaveLength(5);
});

test("a gateway error is retried twice with backoff, then answered as unreachable", async () => {
  const failing = await standIn({ status: 503 });
  const caller = callerWithRules(api, acme.owner, rulesFor(failing.url, { timeoutMs: 1_000 }));
  expect(await caller.insights.reorderSoon()).toEqual({ state: "unavailable", reason: "unreachable" });
  expect(failing.received.map((call) => call.path)).toEqual(Array(3).fill("/v1/forecasts/stock-out"));
});

test("an answer that breaks the contract is not passed on", async () => {
  const garbled = await standIn({ status: 200 });
  const caller = callerWithRules(api, acme.owner, rulesFor(garbled.url));
  expect(await caller.insights.invoicesAtRisk()).toEqual({ state: "unavailable", reason: "bad_response" });
  expect(garbled.received).toHaveLength(1);
});

test("the bulkhead: four calls in flight and four waiting; the rest are turned away at once", async () => {
  const slow = await standIn({ delayMs: 20_000 });
  const caller = callerWithRules(api, acme.owner, rulesFor(slow.url, { timeoutMs: 500 }));
  const answers = await Promise.all(Array.from({ length: 10 }, () => caller.insights.reorderSoon()));
  const reasons = answers.map((answer) => (answer.state === "unavailable" ? answer.reason : answer.state));
  expect(reasons.filter((reason) => reason === "busy")).toHaveLength(2);
  expect(reasons.filter((reason) => reason === "timeout")).toHaveLength(8);
  expect(slow.received).toHaveLength(8);
});

test("while the service hangs, the rest of Tally answers without waiting for it", async () => {
  const slow = await standIn({ delayMs: 20_000 });
  const caller = callerWithRules(api, acme.owner, rulesFor(slow.url, { timeoutMs: 1_500 }));
  const finished: string[] = [];
  const insights = caller.insights.reorderSoon().then((answer) => {
    finished.push("insights");
    return answer;
  });
  while (slow.received.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));

  const products = await caller.catalog.products.list({ limit: 5 });
  const orders = await caller.orders.list({ limit: 5 });
  finished.push("others");
  expect(products.items.map((product) => product.id)).toContain(acme.product.id);
  expect(orders.items).toHaveLength(1);

  expect(await insights).toEqual({ state: "unavailable", reason: "timeout" });
  expect(finished).toEqual(["others", "insights"]);
});
