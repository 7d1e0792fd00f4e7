import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { defaultRulesConfig, logger, relayEvents } from "@tally/api";
import {
  type BillingOrganisation,
  billingOrganisation,
  createTestApi,
  type TestApi,
} from "@tally/api/testing";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { nextTryAfter, type Resolve, WEBHOOK_HEADERS, webhookDeliveryHandler } from "./outgoing-webhooks.ts";
import { verifyPaymentSignature } from "./payment-signature.ts";

const webhooks = { allowedHosts: ["127.0.0.1"], disableAfterFailures: 3 };

type DeliveryJob = Parameters<ReturnType<typeof webhookDeliveryHandler>>[0];
type Received = { headers: Record<string, string | string[] | undefined>; body: string };
let api: TestApi;
let acme: BillingOrganisation;
let receiver: Server;
let receiverUrl: string;
let received: Received[] = [];
let answer = 200;

beforeAll(async () => {
  api = await createTestApi({ config: { ...defaultRulesConfig, webhooks } });
  acme = await billingOrganisation(api, "Hooked");
  receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.writeHead(answer).end();
    });
  });
  receiver.listen(0, "127.0.0.1");
  await once(receiver, "listening");
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
}, 120_000);
afterAll(async () => {
  receiver?.close();
  await api?.close();
});

/** The job pg-boss would hand the worker for the newest delivery of `endpointId`. */
async function jobFor(endpointId: string, retryCount = 0) {
  const delivery = await api.db.webhookDelivery.findFirstOrThrow({
    where: { endpointId },
    orderBy: { createdAt: "desc" },
  });
  return {
    delivery,
    job: {
      id: `job-${delivery.id}`,
      retryCount,
      data: { organizationId: acme.id, deliveryId: delivery.id },
    } as DeliveryJob,
  };
}

async function relayAll() {
  while ((await relayEvents(api.db, api.queue)) > 0) {}
}

test("order.placed reaches the receiver signed with the payment provider's scheme, and the receiver can verify it", async () => {
  const { endpoint, secret } = await acme.caller.webhooks.endpoints.create({
    url: receiverUrl,
    eventKinds: ["order.placed"],
  });
  const order = await acme.placedOrder({ quantity: 3 });
  await relayAll();
  const { delivery, job } = await jobFor(endpoint.id);
  received = [];
  answer = 200;
  await webhookDeliveryHandler({ db: api.db, config: webhooks, log: logger })(job);

  expect(received).toHaveLength(1);
  const [arrival] = received;
  const signature = arrival?.headers[WEBHOOK_HEADERS.signature];
  const check = verifyPaymentSignature({
    header: typeof signature === "string" ? signature : null,
    rawBody: Buffer.from(arrival?.body ?? ""),
    secret,
    toleranceSeconds: 300,
  });
  expect(check.valid).toBe(true);
  expect(
    verifyPaymentSignature({
      header: typeof signature === "string" ? signature : null,
      rawBody: Buffer.from(arrival?.body ?? ""),
      secret: "whsec_someone-elses-secret",
      toleranceSeconds: 300,
    }),
  ).toMatchObject({ valid: false, problem: "mismatch" });
  expect(JSON.parse(arrival?.body ?? "{}")).toMatchObject({
    kind: "order.placed",
    recordId: order.id,
    organizationId: acme.id,
    data: { status: "placed", totalMinor: 3000 },
  });
  expect(arrival?.headers[WEBHOOK_HEADERS.eventKind]).toBe("order.placed");
  expect(arrival?.headers[WEBHOOK_HEADERS.deliveryId]).toBe(delivery.id);
  expect(await api.db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({
    status: "succeeded",
    attempts: 1,
    lastStatusCode: 200,
  });
  // Delivered once: the same job again sends nothing.
  await webhookDeliveryHandler({ db: api.db, config: webhooks, log: logger })(job);
  expect(received).toHaveLength(1);
});

test("a failing receiver fails the job (so the queue retries), logs the next try, and is disabled after the limit", async () => {
  const { endpoint } = await acme.caller.webhooks.endpoints.create({
    url: receiverUrl,
    eventKinds: ["order.placed"],
  });
  await acme.placedOrder();
  await relayAll();
  const deliver = webhookDeliveryHandler({ db: api.db, config: webhooks, log: logger });
  answer = 500;
  const { delivery, job } = await jobFor(endpoint.id);
  const before = Date.now();
  await expect(deliver(job)).rejects.toThrow("webhook delivery failed: the receiver answered 500");
  const logged = await api.db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } });
  expect(logged).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: 500 });
  expect(logged.nextAttemptAt?.getTime()).toBeGreaterThanOrEqual(nextTryAfter(0, before).getTime() - 1000);
  await expect(deliver({ ...job, retryCount: 1 })).rejects.toThrow();
  // The third failure in a row disables it: no more retries.
  await expect(deliver({ ...job, retryCount: 2 })).resolves.toBeUndefined();
  expect(await api.db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).toMatchObject({
    consecutiveFailures: 3,
    disabledReason: "3 failed delivery attempts in a row",
  });
});

test("without configuration allowing it, a loopback destination is refused at delivery time too", async () => {
  const { endpoint } = await acme.caller.webhooks.endpoints.create({
    url: receiverUrl,
    eventKinds: ["order.placed"],
  });
  await acme.placedOrder();
  await relayAll();
  received = [];
  const strict = webhookDeliveryHandler({
    db: api.db,
    config: { allowedHosts: [], disableAfterFailures: 3 },
    log: logger,
  });
  const { delivery, job } = await jobFor(endpoint.id);
  await expect(strict(job)).rejects.toThrow("the destination resolves to a private address");
  expect(received).toHaveLength(0);
  expect((await api.db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).lastError).toBe(
    "the destination resolves to a private address",
  );
});

describe("the address a delivery connects to is the one that was checked", () => {
  /** A DNS of the test's own: each lookup of `name` answers the next address in `answers` (the last one repeats). */
  function fakeDns(name: string, answers: string[]) {
    const lookups: string[] = [];
    const resolve: Resolve = (hostname, callback) => {
      lookups.push(hostname);
      const address = answers[Math.min(lookups.length - 1, answers.length - 1)];
      if (hostname !== name || !address)
        return callback(Object.assign(new Error("ENOTFOUND"), { code: "ENOTFOUND" }), []);
      callback(null, [{ address, family: 4 }]);
    };
    return { resolve, lookups };
  }

  async function pendingDelivery() {
    const port = (receiver.address() as AddressInfo).port;
    const { endpoint } = await acme.caller.webhooks.endpoints.create({
      url: `http://partner.example:${port}/hooks`,
      eventKinds: ["order.placed"],
    });
    await acme.placedOrder();
    await relayAll();
    return jobFor(endpoint.id);
  }

  test("a name the connection's own lookup resolves to an allowed address is delivered to it, with one lookup", async () => {
    const { job } = await pendingDelivery();
    const dns = fakeDns("partner.example", ["127.0.0.1"]);
    received = [];
    answer = 200;
    await webhookDeliveryHandler({ db: api.db, config: webhooks, log: logger, resolve: dns.resolve })(job);
    // The system's resolver knows no partner.example: the connection used the lookup that was checked.
    expect(received).toHaveLength(1);
    expect(received[0]?.headers.host).toBe(`partner.example:${(receiver.address() as AddressInfo).port}`);
    expect(dns.lookups).toEqual(["partner.example"]);
  });

  test("a public name pointed at a private address is refused before anything is dialled", async () => {
    const { delivery, job } = await pendingDelivery();
    const dns = fakeDns("partner.example", ["127.0.0.1"]);
    received = [];
    const strict = { allowedHosts: [], disableAfterFailures: 3 };
    await expect(
      webhookDeliveryHandler({ db: api.db, config: strict, log: logger, resolve: dns.resolve })(job),
    ).rejects.toThrow("the destination resolves to a private address");
    expect(received).toHaveLength(0);
    expect((await api.db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).lastError).toBe(
      "the destination resolves to a private address",
    );
  });

  test("a DNS that answers a public address first and a private one after (rebinding) never gets the second asked", async () => {
    const { job } = await pendingDelivery();
    // TEST-NET-3: public, and nothing answers there.
    const dns = fakeDns("partner.example", ["203.0.113.10", "127.0.0.1"]);
    received = [];
    const strict = { allowedHosts: [], disableAfterFailures: 3 };
    await expect(
      webhookDeliveryHandler({
        db: api.db,
        config: strict,
        log: logger,
        resolve: dns.resolve,
        timeoutMs: 300,
      })(job),
    ).rejects.toThrow(/no answer within 300 ms|connection failed/);
    expect(dns.lookups).toEqual(["partner.example"]);
    expect(received).toHaveLength(0);
  });
});
