"use client";

import { keepPreviousData } from "@tanstack/react-query";
import { trpc } from "@/trpc/react";
import type { Product } from "./product";
import { type ProductFilters, productListInput } from "./product-filters";
import { ProductTable } from "./product-table";

type ProductListProps = {
  filters: ProductFilters;
  onEdit: (product: Product) => void;
  onNotice: (message: string) => void;
};

/** Pages of products for the current filters; on the first visit the server already fetched page one. */
export function ProductList({ filters, onEdit, onNotice }: ProductListProps) {
  const list = trpc.catalog.products.list.useInfiniteQuery(productListInput(filters), {
    getNextPageParam: (page) => page.nextCursor,
    // Keep showing the previous results while a new search loads, instead of flashing empty.
    placeholderData: keepPreviousData,
  });

  if (list.isPending) return <p className="muted">Loading products…</p>;
  if (list.isError) {
    return (
      <div role="alert" className="form-error">
        <p>Could not load products: {list.error.message}</p>
        <button type="button" onClick={() => list.refetch()}>
          Try again
        </button>
      </div>
    );
  }

  const products = list.data.pages.flatMap((page) => page.items);
  if (products.length === 0) {
    return (
      <p className="muted">
        {filters.search ? `No products match “${filters.search}”.` : "No products yet."}
      </p>
    );
  }

  return (
    <div aria-busy={list.isFetching}>
      <ProductTable products={products} onEdit={onEdit} onNotice={onNotice} />
      {list.hasNextPage && (
        <div className="actions">
          <button type="button" onClick={() => list.fetchNextPage()} disabled={list.isFetchingNextPage}>
            {list.isFetchingNextPage ? "Loading…" : "Load more"}
          </button>
        </div>
      )}
    </div>
  );
}
