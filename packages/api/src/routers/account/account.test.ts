import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestApi, TEST_PASSWORD, type TestApi } from "../../testing/index.ts";

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api?.close());

const bearer = (token: string) => api.callerWith(new Headers({ authorization: `Bearer ${token}` }));

describe("account", () => {
  test("me: the user, the active organisation and the role there", async () => {
    const org = await api.organisation("Me Ltd");
    await expect(org.owner.caller.account.me()).resolves.toEqual({
      user: { id: org.owner.id, name: "Me Ltd owner", email: org.owner.email },
      activeOrganization: { id: org.id, name: "Me Ltd", slug: org.slug },
      role: "owner",
    });
    const loner = await api.signUp("Loner");
    await expect(loner.caller.account.me()).resolves.toMatchObject({ activeOrganization: null, role: null });
  });

  test("signing in again starts in the first organisation the user joined", async () => {
    const org = await api.organisation("Home base");
    const { token } = await api.auth.api.signInEmail({
      body: { email: org.owner.email, password: TEST_PASSWORD },
    });
    await expect(bearer(token).account.me()).resolves.toMatchObject({ activeOrganization: { id: org.id } });
  });
});

describe("sessions", () => {
  test("a listed session never exposes its token, and revoking it refuses its bearer token at once", async () => {
    const user = await api.signUp("Two devices");
    const phone = await api.auth.api.signInEmail({ body: { email: user.email, password: TEST_PASSWORD } });
    const sessions = await user.caller.account.sessions.list();
    expect(sessions).toHaveLength(2);
    expect(JSON.stringify(sessions)).not.toContain(phone.token);
    expect(sessions.filter((session) => session.current)).toHaveLength(1);

    await expect(bearer(phone.token).account.me()).resolves.toMatchObject({ user: { id: user.id } });
    const phoneSession = sessions.find((session) => !session.current);
    await user.caller.account.sessions.revoke({ sessionId: phoneSession!.id });
    await expect(bearer(phone.token).account.me()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(user.caller.account.me()).resolves.toMatchObject({ user: { id: user.id } });
  });

  test("someone else's session is not found and stays valid", async () => {
    const alice = await api.signUp("Alice");
    const mallory = await api.signUp("Mallory");
    const [aliceSession] = await alice.caller.account.sessions.list();
    await expect(
      mallory.caller.account.sessions.revoke({ sessionId: aliceSession!.id }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(alice.caller.account.me()).resolves.toMatchObject({ user: { id: alice.id } });
  });

  test("signing out everywhere else keeps only the current session", async () => {
    const user = await api.signUp("Tidy");
    const other = await api.auth.api.signInEmail({ body: { email: user.email, password: TEST_PASSWORD } });
    await expect(user.caller.account.sessions.revokeOthers()).resolves.toEqual({ revoked: 1 });
    await expect(bearer(other.token).account.me()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(user.caller.account.sessions.list()).resolves.toHaveLength(1);
  });
});
