"use client";

import { formatMoney } from "@tally/validators";
import { DISPLAY_LOCALE } from "@/lib/locale";
import { ArchiveToggle } from "./archive-toggle";
import type { Product } from "./product";

type ProductTableProps = {
  products: Product[];
  onEdit: (product: Product) => void;
  onNotice: (message: string) => void;
};

const stockFormat = new Intl.NumberFormat(DISPLAY_LOCALE);

export function ProductTable({ products, onEdit, onNotice }: ProductTableProps) {
  return (
    <table className="products">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">SKU</th>
          <th scope="col" className="number">
            Price
          </th>
          <th scope="col" className="number">
            Stock
          </th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {products.map((product) => (
          <tr key={product.id} className={product.archivedAt ? "archived" : undefined}>
            <th scope="row">
              {product.name}
              {product.archivedAt && <span className="badge">Archived</span>}
            </th>
            <td className="sku">{product.sku}</td>
            <td className="number">{formatMoney(product.priceMinor, product.currency, DISPLAY_LOCALE)}</td>
            <td className="number">{stockFormat.format(product.stock)}</td>
            <td className="row-actions">
              <button type="button" aria-label={`Edit ${product.name}`} onClick={() => onEdit(product)}>
                Edit
              </button>
              <ArchiveToggle product={product} onDone={onNotice} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
