import type { Metadata } from "next";
import {
  customerListInput,
  readCustomerFilters,
  writeCustomerFilters,
} from "@/features/customers/customer-filters";
import { CustomersView } from "@/features/customers/customers-view";
import { type PageSearchParams, readPageParams, withQuery } from "@/lib/search-params";
import { requireMember } from "@/server/viewer";
import { HydrateClient, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Customers" };

type CustomersPageProps = { searchParams: Promise<PageSearchParams> };

/** Fetches the first page on the server, so the list is in the first paint. */
export default async function CustomersPage({ searchParams }: CustomersPageProps) {
  const filters = readCustomerFilters(readPageParams(await searchParams));
  await requireMember(withQuery("/customers", writeCustomerFilters(filters)));
  await trpc.customers.list.prefetchInfinite(customerListInput(filters));
  return (
    <>
      <h1>Customers</h1>
      <HydrateClient>
        <CustomersView />
      </HydrateClient>
    </>
  );
}
