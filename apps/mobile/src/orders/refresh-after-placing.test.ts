import type { AppRouter } from "@tally/api";
import { createTallyClient } from "@tally/client";
import { createTRPCQueryUtils, getQueryKey } from "@trpc/react-query";
import { expect, test } from "vitest";
import { makeQueryClient } from "../api/query-client.ts";
import { trpc } from "../api/trpc.ts";
import { refreshAfterPlacing } from "./refresh-after-placing.ts";

test("placing an order marks orders and product stock stale, and leaves unrelated data alone", async () => {
  const queryClient = makeQueryClient();
  const client = createTallyClient({
    url: "http://tally.test/trpc",
    fetch: () => Promise.reject(new Error("offline")),
  });
  const utils = createTRPCQueryUtils<AppRouter>({ queryClient, client });
  const keys = {
    order: getQueryKey(trpc.orders.get, { id: "order-1" }, "query"),
    draftOrders: getQueryKey(trpc.orders.list, { status: "draft" }, "infinite"),
    products: getQueryKey(trpc.catalog.products.list, {}, "infinite"),
    customers: getQueryKey(trpc.customers.list, {}, "infinite"),
  };
  for (const key of Object.values(keys)) queryClient.setQueryData(key, { cached: true });

  await refreshAfterPlacing(utils);

  const stale = Object.fromEntries(
    Object.entries(keys).map(([name, key]) => [name, queryClient.getQueryState(key)?.isInvalidated]),
  );
  expect(stale).toEqual({ order: true, draftOrders: true, products: true, customers: false });
});
