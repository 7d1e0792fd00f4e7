// A mixed workload against one apps/server: what a small team's day looks
// like, compressed. Each virtual user owns its orders, so nothing it does
// conflicts with another user and every non-2xx answer is an error.
import { setTimeout as sleep } from "node:timers/promises";
import { signedDelivery, testPaymentEvent } from "@tally/host/testing";
import superjson from "superjson";
import { benchRequestHeaders } from "./session.ts";

export type Operation = "read" | "place" | "issue" | "webhook";

export type MixedLoadResult = {
  seconds: number;
  users: number;
  requests: number;
  errors: number;
  /** The first few failures, for the report: operation, status and the error's code. */
  failures: string[];
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  byOperation: Record<Operation, number>;
};

export type MixedLoadOptions = {
  origin: string;
  bearerToken: string;
  webhookSecret: string;
  productId: string;
  customerId: string;
  users: number;
  seconds: number;
  /** Pause between one user's operations; 0 is saturation. */
  thinkMs?: number;
};

const READS = ["catalog.products.list", "orders.list", "invoices.list", "customers.list"] as const;

export async function runMixedLoad(options: MixedLoadOptions): Promise<MixedLoadResult> {
  const latencies: number[] = [];
  const failures: string[] = [];
  const byOperation: Record<Operation, number> = { read: 0, place: 0, issue: 0, webhook: 0 };
  let errors = 0;
  const deadline = Date.now() + options.seconds * 1000;
  const headers = { "content-type": "application/json", ...benchRequestHeaders(options.bearerToken) };

  const call = async (operation: Operation, path: string, input: unknown, type: "query" | "mutation") => {
    const started = performance.now();
    const encoded = encodeURIComponent(JSON.stringify(superjson.serialize(input)));
    const response =
      type === "query"
        ? await fetch(`${options.origin}/trpc/${path}?input=${encoded}`, { headers })
        : await fetch(`${options.origin}/trpc/${path}`, {
            method: "POST",
            headers,
            body: JSON.stringify(superjson.serialize(input)),
          });
    const text = await response.text();
    latencies.push(performance.now() - started);
    byOperation[operation]++;
    if (!response.ok) {
      errors++;
      if (failures.length < 5) failures.push(`${path} → ${response.status} ${text.slice(0, 160)}`);
      return null;
    }
    return superjson.deserialize<Record<string, unknown>>(
      (JSON.parse(text) as { result: { data: never } }).result.data,
    );
  };

  const user = async (index: number) => {
    const placed: string[] = [];
    const issued: Array<{ id: string; totalMinor: number }> = [];
    for (let step = 0; Date.now() < deadline; step++) {
      const turn = (step + index) % 10;
      try {
        if (turn < 6) {
          await call("read", READS[turn % READS.length] ?? "orders.list", { limit: 20 }, "query");
        } else if (turn < 8 || placed.length === 0) {
          const draft = await call("place", "orders.create", { customerId: options.customerId }, "mutation");
          if (!draft) continue;
          const line = await call(
            "place",
            "orders.addItem",
            { orderId: draft.id, version: draft.version, productId: options.productId, quantity: 1 },
            "mutation",
          );
          if (!line) continue;
          const order = await call("place", "orders.place", { orderId: draft.id }, "mutation");
          if (order) placed.push(String(order.id));
        } else if (turn === 8) {
          const orderId = placed.shift();
          if (!orderId) continue;
          const invoice = await call("issue", "invoices.issue", { orderId }, "mutation");
          if (invoice) issued.push({ id: String(invoice.id), totalMinor: Number(invoice.totalMinor) });
        } else {
          const invoice = issued.shift();
          if (!invoice) continue;
          const event = testPaymentEvent({ invoiceId: invoice.id, amountMinor: invoice.totalMinor });
          const { body, headers: signed } = signedDelivery(options.webhookSecret, event);
          const started = performance.now();
          const response = await fetch(`${options.origin}/webhooks/payments`, {
            method: "POST",
            body,
            headers: signed,
          });
          await response.arrayBuffer();
          latencies.push(performance.now() - started);
          byOperation.webhook++;
          if (!response.ok) {
            errors++;
            if (failures.length < 5) failures.push(`webhook → ${response.status}`);
          }
        }
      } catch (error) {
        errors++;
        if (failures.length < 5)
          failures.push(`network: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (options.thinkMs) await sleep(options.thinkMs);
    }
  };

  const started = performance.now();
  await Promise.all(Array.from({ length: options.users }, (_, index) => user(index)));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (share: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * share))] ?? 0;
  return {
    seconds,
    users: options.users,
    requests: latencies.length,
    errors,
    failures,
    requestsPerSecond: latencies.length / seconds,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    byOperation,
  };
}
