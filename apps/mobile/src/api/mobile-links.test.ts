import type { AppRouter } from "@tally/api";
import { isUnauthorized } from "@tally/client";
import { createStubHost, STUB_TOKEN } from "@tally/client/testing";
import { createTRPCClient } from "@trpc/client";
import { expect, test } from "vitest";
import { memoryTokenStore } from "../auth/memory-token-store.ts";
import { createSession } from "../auth/session.ts";
import { mobileLinks } from "./mobile-links.ts";
import { makeQueryClient } from "./query-client.ts";

const trpcUrl = "http://192.168.1.20:4000/trpc";

async function signedInApp(token: string) {
  const host = createStubHost(trpcUrl);
  const queryClient = makeQueryClient();
  const store = memoryTokenStore(token);
  const session = createSession({ store, onSignedOut: () => queryClient.clear() });
  await session.restore();
  const client = createTRPCClient<AppRouter>({ links: mobileLinks({ trpcUrl, session, fetch: host.fetch }) });
  return { host, queryClient, store, session, client };
}

test("every request carries the signed-in user's token, read fresh each time", async () => {
  const app = await signedInApp(STUB_TOKEN);

  await app.client.account.me.query();
  await app.session.signIn("a-later-token");
  await app.client.health.check.query();

  expect(app.host.requests.map((request) => request.headers.get("authorization"))).toEqual([
    `Bearer ${STUB_TOKEN}`,
    "Bearer a-later-token",
  ]);
});

test("an UNAUTHORIZED answer signs out cleanly: token gone from storage, cached data dropped", async () => {
  const app = await signedInApp("a-revoked-token");
  app.queryClient.setQueryData(["previous user's orders"], ["order-1"]);

  const failure = await app.client.account.me.query().catch((error: unknown) => error);

  expect(isUnauthorized(failure)).toBe(true);
  expect(app.session.status()).toBe("signed-out");
  await expect.poll(() => app.store.peek()).toBeNull();
  expect(app.queryClient.getQueryCache().getAll()).toHaveLength(0);
});

test("when the API cannot be reached the user stays signed in", async () => {
  const app = await signedInApp(STUB_TOKEN);
  const offline = createTRPCClient<AppRouter>({
    links: mobileLinks({
      trpcUrl,
      session: app.session,
      fetch: () => Promise.reject(new TypeError("Network request failed")),
    }),
  });

  await expect(offline.account.me.query()).rejects.toMatchObject({
    name: "TRPCClientError",
    message: "Network request failed",
  });

  expect(app.session.status()).toBe("signed-in");
});
