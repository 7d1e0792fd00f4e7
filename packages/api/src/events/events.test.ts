import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@tally/db";
import { createTestDatabase, type TestDatabase } from "@tally/db/testing";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { receivePayment } from "../routers/invoices/invoices.fixtures.ts";
import { runReport } from "../routers/reports/run-report.ts";
import { billingOrganisation, createTestApi, type TestApi } from "../testing/index.ts";
import { latestPosition, readEventsAfter, STREAM_START } from "./events.read.ts";
import { recordEvent, recordEvents } from "./events.record.ts";

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api?.close());

const eventsOf = (organizationId: string) =>
  readEventsAfter(api.db, { after: STREAM_START, organizationId, limit: 1000 });
const summary = async (organizationId: string) =>
  (await eventsOf(organizationId)).map((event) => [event.kind, event.recordId]);

describe("business changes record their events in their own transaction", () => {
  test("an order's life: created, placed (with its stock), invoiced, paid through the webhook, fulfilled", async () => {
    const shop = await billingOrganisation(api, "Lifecycle");
    const draft = await shop.draftOrder({ quantity: 3 });
    const placed = await shop.caller.orders.place({ orderId: draft.id });
    const invoice = await shop.caller.invoices.issue({ orderId: placed.id });
    await receivePayment(api, invoice.id, invoice.totalMinor);
    await shop.caller.orders.fulfil({ orderId: placed.id });
    const [payment] = await api.db.payment.findMany({ where: { invoiceId: invoice.id } });

    expect(await summary(shop.id)).toEqual([
      ["order.created", draft.id],
      ["order.placed", draft.id],
      ["stock.changed", shop.product.id],
      ["invoice.issued", invoice.id],
      ["payment.received", payment?.id],
      ["invoice.paid", invoice.id],
      ["order.paid", draft.id],
      ["order.fulfilled", draft.id],
    ]);
    const events = await eventsOf(shop.id);
    expect(events.every((event) => event.organizationId === shop.id)).toBe(true);
    expect(events.find((event) => event.kind === "stock.changed")?.data).toEqual({
      reason: "order.placed",
      orderId: draft.id,
      delta: -3,
    });
    expect(events.find((event) => event.kind === "payment.received")?.data).toEqual({
      invoiceId: invoice.id,
      status: "succeeded",
      amountMinor: 3000,
      currency: "USD",
    });
    expect(events.find((event) => event.kind === "invoice.paid")?.data).toEqual({
      orderId: draft.id,
      number: invoice.number,
      status: "paid",
      totalMinor: 3000,
      paidMinor: 3000,
      currency: "USD",
    });
    expect(events.at(-1)?.data).toMatchObject({ status: "fulfilled", customerId: shop.customer.id });
  });

  test("cancelling gives the stock back, voiding and setting stock by hand are events too", async () => {
    const shop = await billingOrganisation(api, "Reversals");
    const order = await shop.placedOrder({ quantity: 2 });
    const invoice = await shop.caller.invoices.issue({ orderId: order.id });
    await shop.caller.invoices.void({ invoiceId: invoice.id });
    await shop.caller.orders.cancel({ orderId: order.id });
    await shop.caller.catalog.products.update({
      id: shop.product.id,
      version: shop.product.version,
      patch: { stock: 42 },
    });
    await shop.caller.catalog.products.update({
      id: shop.product.id,
      version: shop.product.version + 1,
      patch: { name: "Renamed" },
    });

    const events = await eventsOf(shop.id);
    expect(events.slice(3).map((event) => [event.kind, event.recordId, event.data])).toEqual([
      ["invoice.issued", invoice.id, expect.objectContaining({ status: "issued" })],
      ["invoice.voided", invoice.id, expect.objectContaining({ status: "void", number: invoice.number })],
      ["order.cancelled", order.id, expect.objectContaining({ status: "cancelled" })],
      ["stock.changed", shop.product.id, { reason: "order.cancelled", orderId: order.id, delta: 2 }],
      ["stock.changed", shop.product.id, { reason: "product.updated", stock: 42 }],
    ]);
  });

  test("a report run reports its progress from queued to done", async () => {
    const shop = await billingOrganisation(api, "Progress");
    for (let n = 0; n < 3; n++) await shop.placedOrder();
    const report = await shop.caller.reports.create({
      kind: "sales",
      groupBy: "product",
      from: new Date(Date.now() - 86_400_000),
      to: new Date(Date.now() + 86_400_000),
    });
    await runReport(api.db, { organizationId: shop.id, reportId: report.id }, undefined, { batchSize: 2 });

    const progress = (await eventsOf(shop.id))
      .filter((event) => event.kind === "report.progress")
      .map((event) => [event.recordId, event.data]);
    expect(progress).toEqual([
      [report.id, { status: "queued", rowsDone: 0, rowsTotal: null }],
      [report.id, { status: "running", rowsDone: 0, rowsTotal: null }],
      [report.id, { status: "running", rowsDone: 0, rowsTotal: 3 }],
      [report.id, { status: "running", rowsDone: 2, rowsTotal: 3 }],
      [report.id, { status: "running", rowsDone: 3, rowsTotal: 3 }],
      [report.id, { status: "done", rowsDone: 3, rowsTotal: 3 }],
    ]);
  });

  test("removing a member is an event naming the user, so their open streams can end", async () => {
    const shop = await billingOrganisation(api, "Members");
    const bob = await shop.join("member", "Bob");
    await shop.caller.org.members.remove({ memberId: bob.memberId });
    expect((await eventsOf(shop.id)).map((event) => [event.kind, event.recordId, event.data])).toEqual([
      ["member.removed", bob.memberId, { userId: bob.id }],
    ]);
  });

  test("a refused change records nothing", async () => {
    const shop = await billingOrganisation(api, "Refused");
    const draft = await shop.draftOrder({ quantity: 2 });
    await api.db.product.update({ where: { id: shop.product.id }, data: { stock: 1 } }); // sold elsewhere, say
    await expect(shop.caller.orders.place({ orderId: draft.id })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(shop.caller.invoices.void({ invoiceId: "missing" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await summary(shop.id)).toEqual([["order.created", draft.id]]);
    expect((await api.db.product.findUniqueOrThrow({ where: { id: shop.product.id } })).stock).toBe(1);
  });

  test("an event written in a transaction that rolls back is gone with it", async () => {
    const shop = await billingOrganisation(api, "Rollback");
    await expect(
      api.db.$transaction(async (tx) => {
        await recordEvent(tx, {
          organizationId: shop.id,
          kind: "stock.changed",
          recordId: shop.product.id,
          data: { reason: "product.updated", stock: 1 },
        });
        await tx.$executeRaw`SELECT 1 / 0`;
      }),
    ).rejects.toThrow(/division by zero/);
    expect(await summary(shop.id)).toEqual([]);
  });

  test("another organisation's changes never appear among an organisation's events", async () => {
    const alice = await billingOrganisation(api, "Alice events");
    const bob = await billingOrganisation(api, "Bob events");
    const order = await alice.placedOrder();
    await alice.caller.invoices.issue({ orderId: order.id });

    expect(await summary(bob.id)).toEqual([]);
    const everyone = await readEventsAfter(api.db, { after: STREAM_START, limit: 1000 });
    const alices = everyone.filter((event) => event.recordId === order.id);
    expect(alices.map((event) => event.organizationId)).toEqual([alice.id, alice.id]);
  });
});

describe("reading in stream order", () => {
  test("an event that took a lower id but commits later is held back, then read before the later one", async () => {
    const shop = await billingOrganisation(api, "Late commit");
    const event = (stock: number) => ({
      organizationId: shop.id,
      kind: "stock.changed" as const,
      recordId: shop.product.id,
      data: { reason: "product.updated" as const, stock },
    });
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let written = () => {};
    const firstWritten = new Promise<void>((resolve) => {
      written = resolve;
    });
    const slow = api.db.$transaction(async (tx) => {
      await recordEvent(tx, event(1));
      written();
      await held;
    });
    await firstWritten;
    await api.db.$transaction((tx) => recordEvent(tx, event(2)));

    // The second one has committed, but the first (with the lower id) may still commit: nothing yet.
    expect(await summary(shop.id)).toEqual([]);
    release();
    await slow;
    const events = await eventsOf(shop.id);
    expect(events.map((read) => read.data)).toEqual([event(1).data, event(2).data]);
    const [first, second] = events.map((read) => read.position.id);
    expect(first !== undefined && second !== undefined && first < second).toBe(true);
  });

  test("events are read in number order, not as text: 9, 10, 11 (and so are positions)", async () => {
    const shop = await billingOrganisation(api, "Digits");
    // The next ids cross a power of ten (…96 to …07), where text order and number order part.
    await api.db.$executeRaw`
      SELECT setval('domain_event_id_seq', (10 ^ ceil(log(nextval('domain_event_id_seq') + 10)))::bigint - 6)`;
    const stocks = Array.from({ length: 12 }, (_, n) => n);
    await api.db.$transaction((tx) =>
      recordEvents(
        tx,
        stocks.map((stock) => ({
          organizationId: shop.id,
          kind: "stock.changed" as const,
          recordId: shop.product.id,
          data: { reason: "product.updated" as const, stock },
        })),
      ),
    );
    const events = await eventsOf(shop.id);
    expect(events.map((event) => (event.data as { stock: number }).stock)).toEqual(stocks);
    expect(events.map((event) => event.position.id)).toEqual(
      [...events.map((event) => event.position.id)].sort((a, b) => (a < b ? -1 : 1)),
    );
    const latest = await latestPosition(api.db);
    expect(latest).toEqual(events.at(-1)?.position);
  });

  test("a long write transaction in another database on the same server does not hold the stream back", async () => {
    const other: TestDatabase = await createTestDatabase();
    const open = await openWriteTransaction(other.prisma);
    try {
      const shop = await billingOrganisation(api, "Other database");
      await shop.draftOrder();
      expect((await summary(shop.id)).map(([kind]) => kind)).toEqual(["order.created"]);
    } finally {
      await open.finish();
      await other.close();
    }
  });

  test("a write transaction still open in this database holds back what committed after it", async () => {
    const shop = await billingOrganisation(api, "Held back");
    const open = await openWriteTransaction(api.db);
    await shop.draftOrder();
    expect(await summary(shop.id)).toEqual([]);
    await open.finish();
    expect((await summary(shop.id)).map(([kind]) => kind)).toEqual(["order.created"]);
  });
});

/** A transaction that has taken a transaction id (as every writer does) and stays open until `finish`. */
async function openWriteTransaction(db: PrismaClient) {
  let finish = () => {};
  const finished = new Promise<void>((resolve) => {
    finish = resolve;
  });
  let opened = () => {};
  const ready = new Promise<void>((resolve) => {
    opened = resolve;
  });
  const transaction = db.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT pg_current_xact_id()::text`;
      opened();
      await finished;
    },
    { timeout: 20_000 },
  );
  await ready;
  return {
    async finish() {
      finish();
      await transaction;
    },
  };
}

test("event data never carries names, emails or addresses", async () => {
  const shop = await billingOrganisation(api, `Private ${randomUUID().slice(0, 6)}`);
  const invoice = await shop.issuedInvoice();
  await receivePayment(api, invoice.id, invoice.totalMinor);
  const text = JSON.stringify((await eventsOf(shop.id)).map((event) => event.data));
  expect(text).not.toContain(shop.customer.name);
  expect(text).not.toContain("Widget");
  expect(text).not.toContain("@");
});
