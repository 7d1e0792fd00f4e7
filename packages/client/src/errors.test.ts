import { expect, test } from "vitest";
import { isClientError, isUnauthorized, isUnreachable } from "./errors.ts";
import { createTallyClient } from "./index.ts";
import { createStubHost } from "./testing/stub-host.ts";

const url = "http://tally.test/trpc";

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable("the call should fail"),
    (error: unknown) => error,
  );
}

test("a refused session is unauthorized and a client error, not unreachable", async () => {
  const client = createTallyClient({ url, fetch: createStubHost(url).fetch });
  const failure = await failureOf(client.account.me.query());

  expect([isUnauthorized(failure), isClientError(failure), isUnreachable(failure)]).toEqual([
    true,
    true,
    false,
  ]);
});

test("a host that cannot be reached is unreachable, and worth retrying", async () => {
  const client = createTallyClient({ url, fetch: () => Promise.reject(new TypeError("Failed to fetch")) });
  const failure = await failureOf(client.health.check.query());

  expect([isUnreachable(failure), isUnauthorized(failure), isClientError(failure)]).toEqual([
    true,
    false,
    false,
  ]);
});

test("a proxy answering with an HTML error page counts as unreachable", async () => {
  const badGateway = () => Promise.resolve(new Response("<h1>502 Bad Gateway</h1>", { status: 502 }));
  const client = createTallyClient({ url, fetch: badGateway });

  expect(isUnreachable(await failureOf(client.health.check.query()))).toBe(true);
});
