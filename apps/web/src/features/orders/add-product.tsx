"use client";

import { addOrderItemInput, formatMoney } from "@tally/validators";
import { keepPreviousData } from "@tanstack/react-query";
import { useId, useState } from "react";
import { SearchBox } from "@/components/search-box";
import { TextField } from "@/components/text-field";
import { DISPLAY_LOCALE } from "@/lib/locale";
import { useHydrated } from "@/lib/use-hydrated";
import { trpc } from "@/trpc/react";
import { productMatchesInput } from "./product-matches";
import type { OrderEdits } from "./use-order-edits";

/** Find an active product by name or SKU and add it to the draft, at its current price. */
export function AddProduct({ edits }: { edits: OrderEdits }) {
  const hydrated = useHydrated();
  const headingId = useId();
  const [search, setSearch] = useState("");
  const [quantity, setQuantity] = useState("1");
  const [quantityError, setQuantityError] = useState<string[] | undefined>();
  const matches = trpc.catalog.products.list.useQuery(productMatchesInput(search), {
    placeholderData: keepPreviousData,
  });

  function add(productId: string, name: string) {
    const parsed = addOrderItemInput.shape.quantity.safeParse(Number(quantity));
    if (quantity.trim() === "" || !parsed.success) {
      setQuantityError([parsed.error?.issues[0]?.message ?? "Enter a quantity"]);
      return;
    }
    edits.addItem(productId, parsed.data, name);
  }

  const products = matches.data?.items ?? [];
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>Add products</h2>
      <div className="toolbar">
        <SearchBox
          label="Find a product"
          placeholder="Name or SKU"
          className="grow"
          value={search}
          onSearch={setSearch}
        />
        <div className="quantity-field">
          <TextField
            label="Quantity to add"
            type="number"
            value={quantity}
            errors={quantityError}
            onChange={(value) => {
              setQuantity(value);
              setQuantityError(undefined);
            }}
          />
        </div>
      </div>
      {matches.isError && <p className="field-error">Could not search products: {matches.error.message}</p>}
      {matches.isSuccess && products.length === 0 && (
        <p className="muted">
          {search.trim() ? `No products match “${search.trim()}”.` : "No products yet."}
        </p>
      )}
      {products.length > 0 && (
        <table className="data-table compact" aria-busy={matches.isFetching}>
          <caption className="visually-hidden">Matching products</caption>
          <thead>
            <tr>
              <th scope="col">Product</th>
              <th scope="col" className="number">
                Price
              </th>
              <th scope="col" className="number">
                In stock
              </th>
              <th scope="col">
                <span className="visually-hidden">Add</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {products.map((product) => (
              <tr key={product.id}>
                <th scope="row">
                  {product.name}
                  <span className="sku-hint">{product.sku}</span>
                </th>
                <td className="number">
                  {formatMoney(product.priceMinor, product.currency, DISPLAY_LOCALE)}
                </td>
                <td className="number">{product.stock}</td>
                <td className="row-actions">
                  <button
                    type="button"
                    aria-label={`Add ${product.name}`}
                    disabled={!hydrated || edits.busy}
                    onClick={() => add(product.id, product.name)}
                  >
                    Add
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
