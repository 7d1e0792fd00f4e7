"use client";

import Link from "next/link";
import { PanelBody } from "./panel-body";
import { useDashboardOverview } from "./use-dashboard";

/** Products at or below the low-stock threshold, fewest first. */
export function LowStockPanel() {
  const overview = useDashboardOverview();
  return (
    <PanelBody
      query={overview}
      what="low stock"
      isEmpty={(data) => data.lowStock.count === 0}
      empty="Every product has more than a few units in stock."
    >
      {({ lowStock }) => (
        <>
          <ul className="plain-list">
            {lowStock.products.map((product) => (
              <li key={product.id}>
                <Link href={`/products?q=${encodeURIComponent(product.sku)}`}>{product.name}</Link>{" "}
                <span className={product.stock === 0 ? "stock-out" : "muted"}>
                  {product.stock === 0 ? "out of stock" : `${product.stock} left`}
                </span>
              </li>
            ))}
          </ul>
          <p className="panel-link">
            <Link href="/products?stock=low">
              All {lowStock.count} products with {lowStock.threshold} or fewer in stock
            </Link>
          </p>
        </>
      )}
    </PanelBody>
  );
}
