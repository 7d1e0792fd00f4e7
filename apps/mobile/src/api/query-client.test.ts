import { createTallyClient } from "@tally/client";
import { createStubHost } from "@tally/client/testing";
import { expect, test } from "vitest";
import { shouldRetry } from "./query-client.ts";

const url = "http://tally.test/trpc";

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable(),
    (error: unknown) => error,
  );
}

test("a refused request is not retried", async () => {
  const refused = await failureOf(
    createTallyClient({ url, fetch: createStubHost(url).fetch }).account.me.query(),
  );
  expect(shouldRetry(0, refused)).toBe(false);
});

test("a dropped connection is retried twice", async () => {
  const offline = createTallyClient({
    url,
    fetch: () => Promise.reject(new TypeError("Network request failed")),
  });
  const dropped = await failureOf(offline.health.check.query());
  expect([0, 1, 2].map((failures) => shouldRetry(failures, dropped))).toEqual([true, true, false]);
});
