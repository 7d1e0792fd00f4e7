/**
 * Sessions come from a per-process cache (@tally/auth session-cache.ts), but
 * another process can end or move a session without this one hearing of it.
 * Every procedure that needs a session confirms a cached one against its row,
 * so such a change still takes effect on the very next call.
 */
import { createAuth } from "@tally/auth";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createCaller } from "./root.ts";
import { createTestApi, type TestApi, testAuthConfig } from "./testing/index.ts";
import { createContext } from "./trpc.ts";

let api: TestApi;
/** The same auth configuration in "another process": its own session cache, the same database. */
let elsewhere: ReturnType<typeof createAuth>;

beforeAll(async () => {
  api = await createTestApi();
  elsewhere = createAuth({ prisma: api.db, config: testAuthConfig });
});
afterAll(() => api?.close());

const bearer = (token: string) => new Headers({ authorization: `Bearer ${token}` });

describe("a session cached here and changed elsewhere", () => {
  test("signed out elsewhere: organisation and account procedures refuse it at once", async () => {
    const { owner } = await api.organisation("Signed Out Elsewhere");
    await owner.caller.catalog.products.list({});
    await owner.caller.account.me(); // both now served from this process's cache

    await elsewhere.api.signOut({ headers: bearer(owner.token) });

    await expect(owner.caller.catalog.products.list({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(owner.caller.account.me()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  test("switched to another organisation elsewhere: the next call works in the new one", async () => {
    const first = await api.organisation("First Switch Co");
    const second = await api.organisation("Second Switch Co");
    const person = await second.join("member", "Switching Person");
    const invitation = await first.owner.caller.org.invitations.create({
      email: person.email,
      role: "member",
    });
    await person.caller.org.invitations.accept({ invitationId: invitation.id }); // now active in `first`
    await first.owner.caller.catalog.products.create({
      sku: "ONLY-FIRST",
      name: "Only in the first",
      priceMinor: 100,
      currency: "USD",
      stock: 1,
    });
    expect((await person.caller.catalog.products.list({})).items.map((p) => p.sku)).toEqual(["ONLY-FIRST"]);
    expect((await person.caller.account.me()).activeOrganization?.id).toBe(first.id);

    await elsewhere.api.setActiveOrganization({
      body: { organizationId: second.id },
      headers: bearer(person.token),
    });

    expect((await person.caller.catalog.products.list({})).items).toEqual([]);
    expect((await person.caller.account.me()).activeOrganization?.id).toBe(second.id);
  });

  test("a member removed elsewhere is refused at once, by the membership read every call makes", async () => {
    const org = await api.organisation("Removal Co");
    const member = await org.join("member", "Removed Member");
    await member.caller.catalog.products.list({});
    await api.db.member.delete({ where: { id: member.memberId } });
    await expect(member.caller.catalog.products.list({})).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  test("a cached caller with a session that still stands is served as before", async () => {
    const org = await api.organisation("Steady Co");
    const caller = createCaller(() =>
      createContext({
        db: api.db,
        auth: api.auth,
        headers: bearer(org.owner.token),
        safety: { credential: "bearer", crossSite: false },
      }),
    );
    for (let call = 0; call < 3; call++) {
      expect(await caller.account.me()).toMatchObject({ user: { id: org.owner.id } });
      expect(await caller.catalog.products.list({})).toMatchObject({ items: [] });
    }
  });
});
