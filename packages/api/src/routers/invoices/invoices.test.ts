import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestApi, type TestApi } from "../../testing/index.ts";
import { billingOrganisation, receivePayment, UNIT_PRICE_MINOR } from "./invoices.fixtures.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api?.close());

const pay = (invoiceId: string, amountMinor: number) => receivePayment(api, invoiceId, amountMinor);

describe("issuing", () => {
  test("an admin invoices a placed order for its total, due in the days asked for, and it is audited", async () => {
    const acme = await billingOrganisation(api);
    const admin = await acme.join("admin");
    const order = await acme.placedOrder({ quantity: 3 });

    const invoice = await admin.caller.invoices.issue({ orderId: order.id, dueInDays: 14 });

    expect(invoice).toMatchObject({
      number: 1,
      status: "issued",
      currency: "USD",
      totalMinor: 3 * UNIT_PRICE_MINOR,
      paidMinor: 0,
      order: { id: order.id, status: "placed", customer: { id: acme.customer.id } },
      payments: [],
    });
    expect(invoice.dueAt.getTime() - invoice.issuedAt.getTime()).toBe(14 * DAY_MS);
    const audit = await acme.caller.audit.list({ action: "invoice.issued" });
    expect(audit.items).toEqual([expect.objectContaining({ targetId: invoice.id, actorUserId: admin.id })]);
  });

  test("numbers count up within an organisation and start at 1 in each", async () => {
    const { alice, bob } = {
      alice: await billingOrganisation(api, "Alice Ltd"),
      bob: await billingOrganisation(api, "Bob GmbH"),
    };
    expect((await alice.issuedInvoice()).number).toBe(1);
    expect((await alice.issuedInvoice()).number).toBe(2);
    expect((await bob.issuedInvoice()).number).toBe(1);
    expect((await alice.issuedInvoice()).number).toBe(3);
  });

  test("a draft or cancelled order cannot be invoiced, and the refusal uses up no number", async () => {
    const acme = await billingOrganisation(api);
    const draft = await acme.draftOrder();
    await expect(acme.caller.invoices.issue({ orderId: draft.id })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("is draft"),
    });
    const cancelled = await acme.caller.orders.cancel({ orderId: (await acme.placedOrder()).id });
    await expect(acme.caller.invoices.issue({ orderId: cancelled.id })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("is cancelled"),
    });
    expect((await acme.issuedInvoice()).number).toBe(1);
  });

  test("an order has one live invoice; once it is voided the order can be invoiced again, under a new number", async () => {
    const acme = await billingOrganisation(api);
    const order = await acme.placedOrder();
    const first = await acme.caller.invoices.issue({ orderId: order.id });
    await expect(acme.caller.invoices.issue({ orderId: order.id })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining(`already has invoice ${first.number}`),
    });

    await acme.caller.invoices.void({ invoiceId: first.id });
    const second = await acme.caller.invoices.issue({ orderId: order.id });
    expect(second.number).toBe(first.number + 1);
  });

  test("concurrent issues for the same order produce one invoice", async () => {
    const acme = await billingOrganisation(api);
    const order = await acme.placedOrder();
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () => acme.caller.invoices.issue({ orderId: order.id })),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    for (const result of results) {
      if (result.status === "rejected") expect(result.reason).toMatchObject({ code: "CONFLICT" });
    }
    expect(await api.db.invoice.count({ where: { orderId: order.id } })).toBe(1);
  });

  test("a paid order can still be invoiced (paid by other means first)", async () => {
    const acme = await billingOrganisation(api);
    const order = await acme.placedOrder();
    const first = await acme.caller.invoices.issue({ orderId: order.id });
    await pay(first.id, first.totalMinor);
    // The invoice it was paid through stays; a second live one is refused.
    await expect(acme.caller.invoices.issue({ orderId: order.id })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect((await acme.caller.orders.get({ id: order.id })).status).toBe("paid");
  });
});

describe("retrying an issue with an idempotency key", () => {
  test("a retry returns the first invoice instead of a second one or a CONFLICT", async () => {
    const acme = await billingOrganisation(api);
    const order = await acme.placedOrder();
    const input = { orderId: order.id, idempotencyKey: "issue-retry-0001" };
    const first = await acme.caller.invoices.issue(input);
    const retry = await acme.caller.invoices.issue(input);
    expect(retry).toEqual(first);
    expect(await api.db.invoice.count({ where: { orderId: order.id } })).toBe(1);
  });

  test("the same key with a different request is a CONFLICT and issues nothing", async () => {
    const acme = await billingOrganisation(api);
    const order = await acme.placedOrder();
    await acme.caller.invoices.issue({ orderId: order.id, dueInDays: 30, idempotencyKey: "issue-key-0002" });
    const other = await acme.placedOrder();
    await expect(
      acme.caller.invoices.issue({ orderId: other.id, dueInDays: 30, idempotencyKey: "issue-key-0002" }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining("different request") });
    expect(await api.db.invoice.count({ where: { orderId: other.id } })).toBe(0);
  });

  test("concurrent duplicates with one key all get the one invoice", async () => {
    const acme = await billingOrganisation(api);
    const order = await acme.placedOrder();
    const input = { orderId: order.id, idempotencyKey: "issue-concurrent-0003" };
    const results = await Promise.all(Array.from({ length: 6 }, () => acme.caller.invoices.issue(input)));
    expect(new Set(results.map((invoice) => invoice.id)).size).toBe(1);
    expect(await api.db.invoice.count({ where: { organizationId: acme.id } })).toBe(1);
    expect(
      (await api.db.invoiceCounter.findUniqueOrThrow({ where: { organizationId: acme.id } })).lastNumber,
    ).toBe(1);
  });

  test("a retried void returns the voided invoice", async () => {
    const acme = await billingOrganisation(api);
    const invoice = await acme.issuedInvoice();
    const input = { invoiceId: invoice.id, idempotencyKey: "void-retry-0004" };
    const voided = await acme.caller.invoices.void(input);
    await expect(acme.caller.invoices.void(input)).resolves.toEqual(voided);
    await expect(acme.caller.invoices.void({ invoiceId: invoice.id })).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });
});

describe("voiding", () => {
  test("an unpaid invoice is voided, audited, and its number stays used", async () => {
    const acme = await billingOrganisation(api);
    const invoice = await acme.issuedInvoice();
    const voided = await acme.caller.invoices.void({ invoiceId: invoice.id });
    expect(voided).toMatchObject({ status: "void", number: 1, voidedAt: expect.any(Date) });
    expect((await acme.issuedInvoice()).number).toBe(2);
    const audit = await acme.caller.audit.list({ action: "invoice.voided" });
    expect(audit.items.map((event) => event.targetId)).toEqual([invoice.id]);
  });

  test("an invoice that has received money cannot be voided, in part or in full", async () => {
    const acme = await billingOrganisation(api);
    const partly = await acme.issuedInvoice({ quantity: 2 });
    await pay(partly.id, UNIT_PRICE_MINOR);
    await expect(acme.caller.invoices.void({ invoiceId: partly.id })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("with payments cannot be voided"),
    });

    const paid = await acme.issuedInvoice();
    await pay(paid.id, paid.totalMinor);
    await expect(acme.caller.invoices.void({ invoiceId: paid.id })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("is paid"),
    });
    expect(await api.db.invoice.count({ where: { organizationId: acme.id, status: "void" } })).toBe(0);
  });

  test("a member can read invoices but not issue or void them", async () => {
    const acme = await billingOrganisation(api);
    const member = await acme.join("member");
    const invoice = await acme.issuedInvoice();
    await expect(member.caller.invoices.get({ id: invoice.id })).resolves.toMatchObject({ id: invoice.id });
    await expect(member.caller.invoices.void({ invoiceId: invoice.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(
      member.caller.invoices.issue({ orderId: (await acme.placedOrder()).id }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("reading", () => {
  test("another organisation's invoices and orders do not exist for you", async () => {
    const alice = await billingOrganisation(api, "Alice Ltd");
    const bob = await billingOrganisation(api, "Bob GmbH");
    const invoice = await alice.issuedInvoice();
    const order = await alice.placedOrder();

    await expect(bob.caller.invoices.get({ id: invoice.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(bob.caller.invoices.void({ invoiceId: invoice.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(bob.caller.invoices.issue({ orderId: order.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect((await bob.caller.invoices.list({})).items).toEqual([]);
    expect(await api.db.invoice.findUniqueOrThrow({ where: { id: invoice.id } })).toMatchObject({
      status: "issued",
    });
  });

  test("the list filters by status, customer and issue date, newest first, and its cursor visits each once", async () => {
    const acme = await billingOrganisation(api);
    const otherCustomer = await acme.caller.customers.create({ name: "Initech" });
    const issued = [];
    for (let i = 0; i < 5; i++) issued.push(await acme.issuedInvoice());
    const forInitech = await acme.issuedInvoice({ customerId: otherCustomer.id });
    await acme.caller.invoices.void({ invoiceId: issued[0]!.id });

    const everything = [];
    let cursor: string | undefined;
    do {
      const page = await acme.caller.invoices.list({ limit: 2, cursor });
      everything.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(everything.map((invoice) => invoice.number)).toEqual([6, 5, 4, 3, 2, 1]);

    const byStatus = await acme.caller.invoices.list({ status: "void" });
    expect(byStatus.items.map((invoice) => invoice.id)).toEqual([issued[0]!.id]);
    const byCustomer = await acme.caller.invoices.list({ customerId: otherCustomer.id });
    expect(byCustomer.items).toEqual([expect.objectContaining({ id: forInitech.id })]);
    const since = await acme.caller.invoices.list({ from: issued[3]!.issuedAt });
    expect(since.items.map((invoice) => invoice.number)).toEqual([6, 5, 4]);
    const until = await acme.caller.invoices.list({ to: issued[1]!.issuedAt });
    expect(until.items.map((invoice) => invoice.number)).toEqual([2, 1]);
  });

  test("an invoice shows its order and every payment against it", async () => {
    const acme = await billingOrganisation(api);
    const invoice = await acme.issuedInvoice({ quantity: 2 });
    await pay(invoice.id, 500);
    await pay(invoice.id, 1500);
    const read = await acme.caller.invoices.get({ id: invoice.id });
    expect(read).toMatchObject({ status: "paid", paidMinor: 2000, order: { status: "paid" } });
    expect(read.payments.map((payment) => payment.amountMinor).sort((a, b) => a - b)).toEqual([500, 1500]);
  });
});
