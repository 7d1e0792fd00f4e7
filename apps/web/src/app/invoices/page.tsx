import type { Metadata } from "next";
import { customerChoicesInput } from "@/features/customers/customer-choices";
import {
  invoiceListInput,
  readInvoiceFilters,
  writeInvoiceFilters,
} from "@/features/invoices/invoice-filters";
import { InvoicesView } from "@/features/invoices/invoices-view";
import { type PageSearchParams, readPageParams, withQuery } from "@/lib/search-params";
import { requireMember } from "@/server/viewer";
import { HydrateClient, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Invoices" };

type InvoicesPageProps = { searchParams: Promise<PageSearchParams> };

/** The first page of the filtered list and the customer choices arrive with the page. */
export default async function InvoicesPage({ searchParams }: InvoicesPageProps) {
  const filters = readInvoiceFilters(readPageParams(await searchParams));
  await requireMember(withQuery("/invoices", writeInvoiceFilters(filters)));
  await Promise.all([
    trpc.invoices.list.prefetchInfinite(invoiceListInput(filters)),
    trpc.customers.list.prefetch(customerChoicesInput("")),
    filters.customerId ? trpc.customers.get.prefetch({ id: filters.customerId }) : undefined,
  ]);
  return (
    <>
      <h1>Invoices</h1>
      <HydrateClient>
        <InvoicesView />
      </HydrateClient>
    </>
  );
}
