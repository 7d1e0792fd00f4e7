"use client";

import Link from "next/link";
import { DISPLAY_LOCALE } from "@/lib/locale";
import { trpc } from "@/trpc/react";
import { searchParamsFor } from "../products/product-filters";
import { InsightBody } from "./insight-panel";
import { PANEL_LIMIT, PANEL_QUERY_OPTIONS, type ReorderSoon } from "./insight-state";

type Answer = Extract<ReorderSoon, { state: "ok" }>;
const units = new Intl.NumberFormat(DISPLAY_LOCALE);
const days = new Intl.NumberFormat(DISPLAY_LOCALE, { maximumFractionDigits: 1 });

/** The product list filtered to this product's SKU: products have no page of their own. */
const productHref = (sku: string) =>
  `/products?${searchParamsFor({ search: sku, includeArchived: false, lowStock: false })}`;

/** Products that will run out before a reorder placed now arrives, soonest first (a dashboard panel). */
export function ReorderSoonPanel() {
  const query = trpc.insights.reorderSoon.useQuery(PANEL_LIMIT, PANEL_QUERY_OPTIONS);
  return (
    <InsightBody what="reorder suggestions" query={query}>
      {(answer: Answer) =>
        answer.products.length === 0 ? (
          <p>Nothing is about to run out.</p>
        ) : (
          <table className="data-table">
            <caption className="visually-hidden">Products to reorder, soonest to run out first</caption>
            <thead>
              <tr>
                <th scope="col">Product</th>
                <th scope="col" className="number">
                  In stock
                </th>
                <th scope="col" className="number">
                  Runs out in
                </th>
                <th scope="col" className="number">
                  Reorder
                </th>
              </tr>
            </thead>
            <tbody>
              {answer.products.map((product) => (
                <tr key={product.id}>
                  <th scope="row">
                    <Link href={productHref(product.sku)}>{product.name}</Link>{" "}
                    <span className="sku">{product.sku}</span>
                  </th>
                  <td className="number">{units.format(product.stock)}</td>
                  <td className="number">
                    {days.format(product.daysUntilStockOut)} days
                    {product.stockOutBeforeDelivery && <span className="badge">before a delivery</span>}
                  </td>
                  <td className="number" title={product.explanation}>
                    {units.format(product.reorder.quantity)}{" "}
                    <span className="muted">
                      ({units.format(product.reorder.low)}–{units.format(product.reorder.high)} at{" "}
                      {Math.round(product.reorder.confidence * 100)} %)
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <td colSpan={4} className="muted">
                  From {answer.assumptions.salesWindowDays} days of sales, assuming a{" "}
                  {answer.assumptions.leadTimeDays}-day delivery time.
                </td>
              </tr>
            </tfoot>
          </table>
        )
      }
    </InsightBody>
  );
}
