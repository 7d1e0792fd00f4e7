import { describe, expect, test, vi } from "vitest";
import { bearerHeaders } from "./auth-endpoints.ts";
import { isUnauthorized } from "./errors.ts";
import { createTallyClient } from "./index.ts";
import { createStubHost, STUB_TOKEN } from "./testing/stub-host.ts";

const url = "http://tally.test/trpc";

describe("tallyLinks", () => {
  test("attach the bearer token the headers function returns, on every request", async () => {
    const host = createStubHost(url);
    const client = createTallyClient({ url, fetch: host.fetch, headers: () => bearerHeaders(STUB_TOKEN) });

    await expect(client.account.me.query()).resolves.toMatchObject({ user: { name: "Alice" } });
    await client.orders.place.mutate({ orderId: "order-1" });

    expect(host.requests.map((request) => request.headers.get("authorization"))).toEqual([
      `Bearer ${STUB_TOKEN}`,
      `Bearer ${STUB_TOKEN}`,
    ]);
  });

  test("send no authorization header when there is no token", async () => {
    const host = createStubHost(url);
    const client = createTallyClient({ url, fetch: host.fetch, headers: () => bearerHeaders(null) });

    await client.health.check.query();

    expect(host.requests[0]?.headers.has("authorization")).toBe(false);
  });

  test("report UNAUTHORIZED to onUnauthorized and still reject the call", async () => {
    const host = createStubHost(url);
    const onUnauthorized = vi.fn();
    const client = createTallyClient({
      url,
      fetch: host.fetch,
      headers: () => bearerHeaders("a-revoked-token"),
      onUnauthorized,
    });

    const failure = await client.account.me.query().catch((error: unknown) => error);

    expect(isUnauthorized(failure)).toBe(true);
    expect(onUnauthorized).toHaveBeenCalledOnce();
  });

  test("leave onUnauthorized alone when calls succeed or fail for another reason", async () => {
    const onUnauthorized = vi.fn();
    const client = createTallyClient({
      url,
      fetch: () => Promise.reject(new TypeError("Network request failed")),
      onUnauthorized,
    });

    await expect(client.health.check.query()).rejects.toThrow("Network request failed");
    expect(onUnauthorized).not.toHaveBeenCalled();
  });
});
