import type { Metadata } from "next";
import Link from "next/link";
import { customerChoicesInput } from "@/features/customers/customer-choices";
import { orderListInput, readOrderFilters, writeOrderFilters } from "@/features/orders/order-filters";
import { OrdersView } from "@/features/orders/orders-view";
import { type PageSearchParams, readPageParams, withQuery } from "@/lib/search-params";
import { requireMember } from "@/server/viewer";
import { HydrateClient, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Orders" };

type OrdersPageProps = { searchParams: Promise<PageSearchParams> };

/** The first page of the filtered list and the customer choices arrive with the page. */
export default async function OrdersPage({ searchParams }: OrdersPageProps) {
  const filters = readOrderFilters(readPageParams(await searchParams));
  await requireMember(withQuery("/orders", writeOrderFilters(filters)));
  await Promise.all([
    trpc.orders.list.prefetchInfinite(orderListInput(filters)),
    trpc.customers.list.prefetch(customerChoicesInput("")),
    filters.customerId ? trpc.customers.get.prefetch({ id: filters.customerId }) : undefined,
  ]);
  return (
    <>
      <div className="page-heading">
        <h1>Orders</h1>
        <Link href="/orders/new" className="button primary">
          New order
        </Link>
      </div>
      <HydrateClient>
        <OrdersView />
      </HydrateClient>
    </>
  );
}
