/**
 * Idempotent mutations (idempotency.ts), through orders.place: a procedure
 * that declares `idempotent: true` runs its key claim, its effect and its
 * stored response as one transaction. The crash and in-flight cases, which
 * need a second process or concurrent sessions, are in idempotency.crash.test.ts.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { rulesConfigFromEnv } from "./config.ts";
import { createCaller } from "./root.ts";
import { draftToPlace, freshKey } from "./testing/idempotency-fixtures.ts";
import { createTestApi, type TestApi } from "./testing/index.ts";
import { createContext } from "./trpc.ts";

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api?.close());

describe("one key, one effect", () => {
  test("concurrent duplicates: the order is placed once and every caller gets the same answer", async () => {
    const { org, order, effects } = await draftToPlace(api, "Concurrent Duplicates");
    const idempotencyKey = freshKey("dup");
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => org.caller.orders.place({ orderId: order.id, idempotencyKey })),
    );
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(answers[0]).toMatchObject({ id: order.id, status: "placed" });
    expect(await effects()).toEqual({ stock: 8, status: "placed", placedAudits: 1, keys: 1 });
    // The scope is the procedure's path: no router names it.
    expect(await api.db.idempotencyKey.findFirst({ where: { key: idempotencyKey } })).toMatchObject({
      scope: "orders.place",
      organizationId: org.id,
    });
  });

  test("the same key with a different input is a CONFLICT and changes nothing", async () => {
    const first = await draftToPlace(api, "Key Reuse");
    const second = await draftToPlace(api, "Key Reuse Second");
    const idempotencyKey = freshKey("reuse");
    await first.org.caller.orders.place({ orderId: first.order.id, idempotencyKey });
    const other = await first.org.caller.orders.create({
      customerId: (await first.org.caller.customers.create({ name: "Other" })).id,
    });
    await expect(first.org.caller.orders.place({ orderId: other.id, idempotencyKey })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "This idempotency key was already used with a different request",
    });
    expect((await api.db.order.findUniqueOrThrow({ where: { id: other.id } })).status).toBe("draft");
    // Keys belong to an organisation: another one may use the same key for its own call.
    await expect(
      second.org.caller.orders.place({ orderId: second.order.id, idempotencyKey }),
    ).resolves.toMatchObject({ status: "placed" });
  });

  test("a failed first call leaves no key behind, and a retry with the same key runs", async () => {
    const { org, product, effects } = await draftToPlace(api, "Failed First");
    const empty = await org.caller.orders.create({
      customerId: (await org.caller.customers.create({ name: "Empty" })).id,
    });
    const idempotencyKey = freshKey("failed");
    await expect(org.caller.orders.place({ orderId: empty.id, idempotencyKey })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "Add at least one item before placing the order",
    });
    expect(await api.db.idempotencyKey.count({ where: { key: idempotencyKey } })).toBe(0);

    await org.caller.orders.addItem({
      orderId: empty.id,
      version: empty.version,
      productId: product.id,
      quantity: 1,
    });
    await expect(org.caller.orders.place({ orderId: empty.id, idempotencyKey })).resolves.toMatchObject({
      status: "placed",
    });
    expect((await effects()).stock).toBe(9);
  });

  test("when the response cannot be stored, the effect is rolled back with it", async () => {
    const { org, order, effects } = await draftToPlace(api, "Unstorable Response");
    const idempotencyKey = freshKey("doomed");
    // A trigger makes the store fail after the effect has run, inside the same transaction.
    await api.db.$executeRawUnsafe(`
      CREATE OR REPLACE FUNCTION refuse_doomed_key() RETURNS trigger AS $$
      BEGIN
        IF NEW."key" = '${idempotencyKey}' THEN RAISE EXCEPTION 'storage refused'; END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await api.db.$executeRawUnsafe(
      `CREATE TRIGGER refuse_doomed_key BEFORE INSERT ON "idempotency_key" FOR EACH ROW EXECUTE FUNCTION refuse_doomed_key()`,
    );
    try {
      await expect(org.caller.orders.place({ orderId: order.id, idempotencyKey })).rejects.toMatchObject({
        code: "INTERNAL_SERVER_ERROR",
      });
      expect(await effects()).toEqual({ stock: 10, status: "draft", placedAudits: 0, keys: 0 });
    } finally {
      await api.db.$executeRawUnsafe(`DROP TRIGGER refuse_doomed_key ON "idempotency_key"`);
    }
    await org.caller.orders.place({ orderId: order.id, idempotencyKey });
    await org.caller.orders.place({ orderId: order.id, idempotencyKey });
    expect(await effects()).toEqual({ stock: 8, status: "placed", placedAudits: 1, keys: 1 });
  });

  test("an invalid key is refused before anything runs, naming the field", async () => {
    const { org, order, effects } = await draftToPlace(api, "Invalid Key");
    await expect(
      org.caller.orders.place({ orderId: order.id, idempotencyKey: "short" }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "Invalid input: idempotencyKey: At least 8 characters",
    });
    expect(await effects()).toEqual({ stock: 10, status: "draft", placedAudits: 0, keys: 0 });
  });

  test("without a key the mutation simply runs, and stores nothing", async () => {
    const { org, order, effects } = await draftToPlace(api, "No Key");
    await org.caller.orders.place({ orderId: order.id });
    expect(await effects()).toEqual({ stock: 8, status: "placed", placedAudits: 1, keys: 0 });
  });
});

describe("how long a key is remembered", () => {
  test("the TTL comes from the configuration; after it, the same key runs the mutation again", async () => {
    const { org, order, effects } = await draftToPlace(api, "Short Memory");
    const config = rulesConfigFromEnv({ TALLY_IDEMPOTENCY_TTL_SECONDS: "1" });
    const caller = createCaller(() =>
      createContext({
        db: api.db,
        auth: api.auth,
        headers: new Headers({ authorization: `Bearer ${org.owner.token}` }),
        safety: { credential: "bearer", crossSite: false },
        config,
      }),
    );
    const idempotencyKey = freshKey("ttl");
    const first = await caller.orders.place({ orderId: order.id, idempotencyKey });
    const stored = await api.db.idempotencyKey.findFirstOrThrow({ where: { key: idempotencyKey } });
    expect(stored.expiresAt.getTime() - stored.createdAt.getTime()).toBeGreaterThanOrEqual(900);
    expect(stored.expiresAt.getTime() - stored.createdAt.getTime()).toBeLessThan(3000);
    await expect(caller.orders.place({ orderId: order.id, idempotencyKey })).resolves.toEqual(first);

    await new Promise((resolve) => setTimeout(resolve, stored.expiresAt.getTime() - Date.now() + 50));
    // Forgotten: the call runs again, and an order can be placed only once.
    await expect(caller.orders.place({ orderId: order.id, idempotencyKey })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("is placed"),
    });
    expect(await effects()).toMatchObject({ stock: 8, placedAudits: 1 });
  });

  test("a bad TTL is one line naming the variable", () => {
    expect(() => rulesConfigFromEnv({ TALLY_IDEMPOTENCY_TTL_SECONDS: "1.5" })).toThrow(
      "Invalid configuration: TALLY_IDEMPOTENCY_TTL_SECONDS: must be a whole number of seconds",
    );
    expect(() => rulesConfigFromEnv({ TALLY_IDEMPOTENCY_TTL_SECONDS: "0" })).toThrow(
      "Invalid configuration: TALLY_IDEMPOTENCY_TTL_SECONDS: must be at least 1 second",
    );
    expect(rulesConfigFromEnv({})).toMatchObject({ idempotencyTtlMs: 86_400_000 });
  });
});
