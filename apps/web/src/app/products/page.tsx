import type { Metadata } from "next";
import {
  filtersFromPageParams,
  productListInput,
  searchParamsFor,
} from "@/features/products/product-filters";
import { ProductsView } from "@/features/products/products-view";
import { requireMember } from "@/server/viewer";
import { HydrateClient, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Products" };

type ProductsPageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Fetches the first page on the server, so the list is in the first paint with no request from the browser. */
export default async function ProductsPage({ searchParams }: ProductsPageProps) {
  const filters = filtersFromPageParams(await searchParams);
  const query = searchParamsFor(filters).toString();
  await requireMember(query ? `/products?${query}` : "/products");
  await trpc.catalog.products.list.prefetchInfinite(productListInput(filters));
  return (
    <>
      <h1>Products</h1>
      <HydrateClient>
        <ProductsView />
      </HydrateClient>
    </>
  );
}
