import type { Metadata } from "next";
import { customerChoicesInput } from "@/features/customers/customer-choices";
import { NewOrderForm } from "@/features/orders/new-order-form";
import { type PageSearchParams, readPageParams } from "@/lib/search-params";
import { requireMember } from "@/server/viewer";
import { HydrateClient, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "New order" };

type NewOrderPageProps = { searchParams: Promise<PageSearchParams> };

/** `/orders/new?customer=…` starts with that customer chosen. */
export default async function NewOrderPage({ searchParams }: NewOrderPageProps) {
  const customerId =
    readPageParams(await searchParams)
      .get("customer")
      ?.trim() ?? "";
  await requireMember(customerId ? `/orders/new?customer=${encodeURIComponent(customerId)}` : "/orders/new");
  await Promise.all([
    trpc.customers.list.prefetch(customerChoicesInput("")),
    customerId ? trpc.customers.get.prefetch({ id: customerId }) : undefined,
  ]);
  return (
    <>
      <h1>New order</h1>
      <HydrateClient>
        <NewOrderForm initialCustomerId={customerId} />
      </HydrateClient>
    </>
  );
}
