import { afterAll, beforeAll, expect, test } from "vitest";
import { createTestApi, type TestApi } from "../../testing/index.ts";

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api?.close());

test("a member records a customer, finds it by name or email, and edits it", async () => {
  const org = await api.organisation("Customers");
  const member = await org.join("member");
  const created = await member.caller.customers.create({ name: "Globex", email: "Buyer@Globex.example" });
  expect(created).toMatchObject({
    name: "Globex",
    email: "buyer@globex.example",
    phone: null,
    address: "",
    version: 1,
  });
  await member.caller.customers.create({ name: "Initech" });

  expect((await member.caller.customers.list({ search: "globex.example" })).items.map((c) => c.name)).toEqual(
    ["Globex"],
  );
  expect((await member.caller.customers.list()).items.map((c) => c.name)).toEqual(["Globex", "Initech"]);

  const updated = await member.caller.customers.update({
    id: created.id,
    version: 1,
    patch: { phone: "+1 555 0100" },
  });
  expect(updated).toMatchObject({ phone: "+1 555 0100", email: "buyer@globex.example", version: 2 });
  await expect(
    member.caller.customers.update({ id: created.id, version: 1, patch: { name: "Stale" } }),
  ).rejects.toMatchObject({
    code: "CONFLICT",
  });
});

test("bad input names the field and stores nothing", async () => {
  const org = await api.organisation("Validation");
  const before = await api.db.customer.count();
  await expect(org.caller.customers.create({ name: "", email: "not-an-email" })).rejects.toMatchObject({
    code: "BAD_REQUEST",
  });
  expect(await api.db.customer.count()).toBe(before);
});

test("another organisation's customer does not exist for you", async () => {
  const { alice, bob } = await api.twoOrganisations();
  const customer = await alice.caller.customers.create({ name: "Private" });
  await expect(bob.caller.customers.get({ id: customer.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  await expect(
    bob.caller.customers.update({ id: customer.id, version: 1, patch: { name: "Mine now" } }),
  ).rejects.toMatchObject({
    code: "NOT_FOUND",
  });
  await expect(bob.caller.orders.create({ customerId: customer.id })).rejects.toMatchObject({
    code: "NOT_FOUND",
  });
  expect((await bob.caller.customers.list()).items).toEqual([]);
});
