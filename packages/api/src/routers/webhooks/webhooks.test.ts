import { flattenIssues } from "@tally/validators";
import { afterAll, beforeAll, expect, test } from "vitest";
import { ZodError } from "zod";
import { billingOrganisation, createTestApi, type TestApi } from "../../testing/index.ts";
import { deliveryToSend, recordDeliveryAttempt } from "./webhook-deliveries.ts";
import { relayEvents } from "./webhook-relay.ts";

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
}, 120_000);
afterAll(() => api?.close());

/** Everything the stream holds so far is relayed: passes until one finds nothing new. */
async function relayAll() {
  while ((await relayEvents(api.db, api.queue)) > 0) {}
}

test("an admin registers an endpoint; its secret is shown once; bad destinations name the url field", async () => {
  const acme = await api.organisation("Hooks Ltd");
  const { endpoint, secret } = await acme.caller.webhooks.endpoints.create({
    url: "https://partner.example.com/tally",
    eventKinds: ["order.placed", "order.placed", "invoice.issued"],
  });
  expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);
  expect(endpoint).toMatchObject({ eventKinds: ["order.placed", "invoice.issued"], disabledAt: null });
  expect(JSON.stringify(await acme.caller.webhooks.endpoints.list())).not.toContain(secret);

  for (const url of ["http://127.0.0.1:8080/", "http://169.254.169.254/", "http://localhost/x"]) {
    const refusal = await acme.caller.webhooks.endpoints.create({ url, eventKinds: ["order.placed"] }).then(
      () => null,
      (error: unknown) => error as { code: string; message: string; cause: unknown },
    );
    expect(refusal).toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/^Invalid input: url: /),
    });
    // The error formatter turns a ZodError cause into the field's issue, which forms show beside the field.
    expect(refusal?.cause).toBeInstanceOf(ZodError);
    expect(flattenIssues(refusal?.cause as ZodError).fieldErrors).toEqual({
      url: [expect.stringMatching(/not allowed$/)],
    });
  }
  await expect(
    acme.caller.webhooks.endpoints.create({
      url: "https://x.example.com",
      eventKinds: ["nope" as "order.placed"],
    }),
  ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  expect(await api.db.webhookEndpoint.count({ where: { organizationId: acme.id } })).toBe(1);
});

test("configuration may allow a loopback receiver", async () => {
  const testing = await createTestApi({
    config: {
      ...(await import("../../config.ts")).defaultRulesConfig,
      webhooks: { allowedHosts: ["127.0.0.1"], disableAfterFailures: 3 },
    },
  });
  try {
    const acme = await testing.organisation("Loopback");
    await expect(
      acme.caller.webhooks.endpoints.create({
        url: "http://127.0.0.1:9/hooks",
        eventKinds: ["order.placed"],
      }),
    ).resolves.toMatchObject({ endpoint: { url: "http://127.0.0.1:9/hooks" } });
  } finally {
    await testing.close();
  }
});

test("new events become one delivery per wanting endpoint, with a job, and never twice", async () => {
  const acme = await billingOrganisation(api, "Relayed");
  const other = await billingOrganisation(api, "Elsewhere");
  await relayAll();
  const { endpoint: placedOnly } = await acme.caller.webhooks.endpoints.create({
    url: "https://a.example.com/hooks",
    eventKinds: ["order.placed"],
  });
  const { endpoint: invoicesOnly } = await acme.caller.webhooks.endpoints.create({
    url: "https://b.example.com/hooks",
    eventKinds: ["invoice.issued"],
  });
  const { endpoint: theirs } = await other.caller.webhooks.endpoints.create({
    url: "https://c.example.com/hooks",
    eventKinds: ["order.placed"],
  });
  const order = await acme.placedOrder({ quantity: 2 });
  await relayAll();
  await relayAll();

  const deliveries = await api.db.webhookDelivery.findMany({
    where: { endpointId: { in: [placedOnly.id, invoicesOnly.id, theirs.id] } },
    select: { endpointId: true, eventKind: true, payload: true, status: true, organizationId: true },
  });
  expect(deliveries).toEqual([
    {
      endpointId: placedOnly.id,
      eventKind: "order.placed",
      status: "pending",
      organizationId: acme.id,
      payload: {
        id: expect.stringMatching(/^\d+-\d+$/),
        kind: "order.placed",
        organizationId: acme.id,
        recordId: order.id,
        data: expect.objectContaining({ status: "placed", totalMinor: 2000, currency: "USD" }),
        createdAt: expect.any(String),
      },
    },
  ]);
  const jobs = await api.db.$queryRaw<Array<{ data: { deliveryId: string } }>>`
    SELECT data FROM pgboss.job WHERE name = 'webhooks.deliver' AND data->>'organizationId' = ${acme.id}`;
  expect(jobs).toHaveLength(1);
});

test("an endpoint registered after an event does not receive it", async () => {
  const acme = await billingOrganisation(api, "Latecomer");
  await acme.placedOrder();
  const { endpoint } = await acme.caller.webhooks.endpoints.create({
    url: "https://late.example.com/hooks",
    eventKinds: ["order.placed"],
  });
  await relayAll();
  expect(await api.db.webhookDelivery.count({ where: { endpointId: endpoint.id } })).toBe(0);
});

test("attempts are logged; the run of failures disables the endpoint, and its pending deliveries are abandoned", async () => {
  const acme = await billingOrganisation(api, "Flaky");
  await relayAll();
  const { endpoint } = await acme.caller.webhooks.endpoints.create({
    url: "https://flaky.example.com/hooks",
    eventKinds: ["order.placed"],
  });
  await acme.placedOrder();
  await acme.placedOrder();
  await relayAll();
  const [first, second] = await api.db.webhookDelivery.findMany({
    where: { endpointId: endpoint.id },
    orderBy: { createdAt: "asc" },
  });
  if (!first || !second) throw new Error("two deliveries expected");
  const pending = await deliveryToSend(api.db, { organizationId: acme.id, deliveryId: first.id });
  expect(pending).toMatchObject({ url: "https://flaky.example.com/hooks", eventKind: "order.placed" });
  expect(JSON.parse(pending?.body ?? "{}")).toEqual(first.payload);
  expect(await deliveryToSend(api.db, { organizationId: "someone-else", deliveryId: first.id })).toBeNull();

  const nextAttemptAt = new Date(Date.now() + 60_000);
  const failed = {
    ok: false,
    statusCode: 503,
    error: "the receiver answered 503",
    lastTry: false,
    nextAttemptAt,
  };
  expect(await recordDeliveryAttempt(api.db, first.id, failed, { disableAfterFailures: 3 })).toEqual({
    endpointDisabled: false,
  });
  await recordDeliveryAttempt(api.db, first.id, failed, { disableAfterFailures: 3 });
  const page = await acme.caller.webhooks.deliveries.list({ endpointId: endpoint.id });
  expect(page.items.find((item) => item.id === first.id)).toMatchObject({
    status: "pending",
    attempts: 2,
    lastStatusCode: 503,
    lastError: "the receiver answered 503",
    nextAttemptAt,
  });
  expect(await recordDeliveryAttempt(api.db, first.id, failed, { disableAfterFailures: 3 })).toEqual({
    endpointDisabled: true,
  });
  const [disabled] = await acme.caller.webhooks.endpoints.list();
  expect(disabled).toMatchObject({
    consecutiveFailures: 3,
    disabledReason: "3 failed delivery attempts in a row",
  });
  expect(await deliveryToSend(api.db, { organizationId: acme.id, deliveryId: second.id })).toBeNull();
  expect((await api.db.webhookDelivery.findUniqueOrThrow({ where: { id: second.id } })).status).toBe(
    "abandoned",
  );

  // Switched back on, the count starts again; a success keeps it at zero.
  await acme.caller.webhooks.endpoints.update({ id: endpoint.id, enabled: true });
  await recordDeliveryAttempt(
    api.db,
    first.id,
    { ok: true, statusCode: 200, error: null, lastTry: false, nextAttemptAt: null },
    { disableAfterFailures: 3 },
  );
  const [enabled] = await acme.caller.webhooks.endpoints.list();
  expect(enabled).toMatchObject({ consecutiveFailures: 0, disabledAt: null });
  expect(await api.db.webhookDelivery.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({
    status: "succeeded",
    attempts: 4,
    nextAttemptAt: null,
  });
});
