"use client";

import { useState } from "react";
import { CreateProductForm } from "./create-product-form";
import { EditProductForm } from "./edit-product-form";
import type { Product } from "./product";
import { ProductList } from "./product-list";
import { ProductSearch } from "./product-search";
import { useProductFilters } from "./use-product-filters";

/** The products screen: the filtered list beside a form to create a product or edit the chosen one. */
export function ProductsView() {
  const { filters, setFilters } = useProductFilters();
  const [editing, setEditing] = useState<Product | null>(null);
  const [notice, setNotice] = useState("");

  return (
    <div className="products-layout">
      <section aria-label="Product list">
        <ProductSearch filters={filters} onChange={setFilters} />
        <p role="status" className="notice">
          {notice}
        </p>
        <ProductList filters={filters} onEdit={setEditing} onNotice={setNotice} />
      </section>
      <aside>
        {editing ? (
          <EditProductForm
            key={`${editing.id}@${editing.version}`}
            product={editing}
            onSaved={(saved) => {
              setEditing(null);
              setNotice(`${saved.name} saved`);
            }}
            onReload={setEditing}
            onCancel={() => setEditing(null)}
          />
        ) : (
          <CreateProductForm onCreated={(created) => setNotice(`${created.name} created`)} />
        )}
      </aside>
    </div>
  );
}
