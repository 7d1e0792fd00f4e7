"use client";

import { useState } from "react";
import { DayRangeFields, isUsableRange } from "@/components/day-range-fields";
import { SelectField } from "@/components/select-field";
import { CustomerSelect } from "@/features/customers/customer-select";
import { useHydrated } from "@/lib/use-hydrated";
import type { RecordFilters } from "./record-filters";

type RecordFilterBarProps<Status extends string> = {
  /** For the landmark: "Filter orders". */
  label: string;
  filters: RecordFilters<Status>;
  statuses: Record<Status, string>;
  /** What the dates bound: "Created", "Issued". */
  dateWhat: string;
  onChange: (filters: RecordFilters<Status>) => void;
};

/**
 * Filters that apply as they change. What is typed is kept here, so a range
 * typed the wrong way round stays on screen (with its message) without being
 * sent to the list.
 */
export function RecordFilterBar<Status extends string>({
  label,
  filters,
  statuses,
  dateWhat,
  onChange,
}: RecordFilterBarProps<Status>) {
  const hydrated = useHydrated();
  const [draft, setDraft] = useState(filters);
  const statusOptions = [
    { value: "" as const, label: "Any status" },
    ...(Object.entries(statuses) as [Status, string][]).map(([value, text]) => ({ value, label: text })),
  ];

  function change(next: RecordFilters<Status>) {
    setDraft(next);
    if (isUsableRange(next.from, next.to)) onChange(next);
  }

  const empty = !draft.status && !draft.customerId && !draft.from && !draft.to;
  return (
    <search aria-label={label} className="toolbar record-filters">
      <SelectField
        label="Status"
        value={draft.status}
        options={statusOptions}
        disabled={!hydrated}
        onChange={(status) => change({ ...draft, status })}
      />
      <CustomerSelect
        value={draft.customerId}
        emptyLabel="Any customer"
        onChange={(customerId) => change({ ...draft, customerId })}
      />
      <DayRangeFields
        what={dateWhat}
        from={draft.from}
        to={draft.to}
        onChange={(range) => change({ ...draft, ...range })}
      />
      <p className="hint filter-note">Dates are whole days in UTC.</p>
      <div className="actions">
        <button
          type="button"
          disabled={!hydrated || empty}
          onClick={() => change({ status: "", customerId: "", from: "", to: "" })}
        >
          Clear filters
        </button>
      </div>
    </search>
  );
}
