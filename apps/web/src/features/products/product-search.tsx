"use client";

import { LOW_STOCK_THRESHOLD } from "@tally/validators";
import { useEffect, useId, useState } from "react";
import type { ProductFilters } from "./product-filters";

/** Long enough to skip the keystrokes in a word, short enough to feel live. */
const SEARCH_DELAY_MS = 300;

type ProductSearchProps = { filters: ProductFilters; onChange: (filters: ProductFilters) => void };

export function ProductSearch({ filters, onChange }: ProductSearchProps) {
  const searchId = useId();
  const archivedId = useId();
  const lowStockId = useId();
  const [draft, setDraft] = useState(filters.search);
  const { search, includeArchived, lowStock } = filters;

  useEffect(() => {
    if (draft.trim() === search.trim()) return;
    const timer = setTimeout(() => onChange({ search: draft, includeArchived, lowStock }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [draft, search, includeArchived, lowStock, onChange]);

  return (
    <search className="toolbar">
      <div className="field grow">
        <label htmlFor={searchId}>Search products</label>
        <input
          id={searchId}
          type="search"
          placeholder="Name or SKU"
          maxLength={100}
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
        />
      </div>
      <div className="checkbox">
        <input
          id={archivedId}
          type="checkbox"
          checked={includeArchived}
          onChange={(event) => onChange({ search: draft, includeArchived: event.target.checked, lowStock })}
        />
        <label htmlFor={archivedId}>Show archived</label>
      </div>
      <div className="checkbox">
        <input
          id={lowStockId}
          type="checkbox"
          checked={lowStock}
          onChange={(event) => onChange({ search: draft, includeArchived, lowStock: event.target.checked })}
        />
        <label htmlFor={lowStockId}>Low stock only ({LOW_STOCK_THRESHOLD} or fewer)</label>
      </div>
    </search>
  );
}
