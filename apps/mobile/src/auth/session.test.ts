import { expect, test, vi } from "vitest";
import { memoryTokenStore } from "./memory-token-store.ts";
import { createSession } from "./session.ts";

test("a token kept by the last launch signs the user straight back in", async () => {
  const session = createSession({ store: memoryTokenStore("kept-token") });
  expect(session.status()).toBe("restoring");

  await session.restore();

  expect([session.status(), session.token()]).toEqual(["signed-in", "kept-token"]);
});

test("signing in keeps the token in the store and tells subscribers", async () => {
  const store = memoryTokenStore();
  const session = createSession({ store });
  const listener = vi.fn();
  session.subscribe(listener);

  await session.signIn("new-token");

  expect([session.status(), store.peek()]).toEqual(["signed-in", "new-token"]);
  expect(listener).toHaveBeenCalled();
});

test("signing out revokes the session on the server, forgets the token and the cached data", async () => {
  const store = memoryTokenStore("t1");
  const revoke = vi.fn(async () => {});
  const onSignedOut = vi.fn();
  const session = createSession({ store, revoke, onSignedOut });
  await session.restore();

  await session.signOut();

  expect(revoke).toHaveBeenCalledWith("t1");
  expect([session.status(), session.token(), store.peek()]).toEqual(["signed-out", null, null]);
  expect(onSignedOut).toHaveBeenCalledOnce();
});

test("an expired session is forgotten once, however many requests find out, and not revoked", async () => {
  const revoke = vi.fn(async () => {});
  const onSignedOut = vi.fn();
  const session = createSession({ store: memoryTokenStore("t1"), revoke, onSignedOut });
  await session.restore();

  await Promise.all([session.expire(), session.expire(), session.expire()]);

  expect(session.status()).toBe("signed-out");
  expect(onSignedOut).toHaveBeenCalledOnce();
  expect(revoke).not.toHaveBeenCalled();
});

test("a store that cannot be read counts as signed out rather than stuck restoring", async () => {
  const store = { ...memoryTokenStore(), read: () => Promise.reject(new Error("keychain locked")) };
  const session = createSession({ store });

  await session.restore();

  expect(session.status()).toBe("signed-out");
});
