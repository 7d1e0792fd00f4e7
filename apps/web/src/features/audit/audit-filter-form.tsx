"use client";

import type { InputIssues } from "@tally/validators";
import { type FormEvent, useState } from "react";
import { SelectField } from "@/components/select-field";
import { TextField } from "@/components/text-field";
import { noIssues } from "@/lib/form-issues";
import { useHydrated } from "@/lib/use-hydrated";
import { AUDIT_ACTIONS } from "./audit-actions";
import {
  type AuditFilterValues,
  type AuditListInput,
  firstAuditPage,
  noAuditFilters,
  readAuditFilters,
} from "./audit-filters";

const ACTION_OPTIONS = [
  { value: "", label: "Any action" },
  ...Object.entries(AUDIT_ACTIONS).map(([value, label]) => ({ value, label })),
];

export function AuditFilterForm({ onApply }: { onApply: (input: AuditListInput) => void }) {
  const hydrated = useHydrated();
  const [values, setValues] = useState<AuditFilterValues>(noAuditFilters);
  const [issues, setIssues] = useState<InputIssues>(noIssues);
  const set = (field: keyof AuditFilterValues) => (value: string) =>
    setValues((current) => ({ ...current, [field]: value }));

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const read = readAuditFilters(values);
    if (!read.ok) return setIssues(read.issues);
    setIssues(noIssues);
    onApply(read.input);
  }

  return (
    <search>
      <form className="toolbar audit-filters" aria-label="Filter the audit log" onSubmit={apply} noValidate>
        <SelectField label="Action" value={values.action} options={ACTION_OPTIONS} onChange={set("action")} />
        <TextField
          label="From"
          type="date"
          value={values.from}
          errors={issues.fieldErrors.from}
          onChange={set("from")}
        />
        <TextField
          label="To"
          type="date"
          value={values.to}
          errors={issues.fieldErrors.to}
          onChange={set("to")}
        />
        <div className="actions">
          <button type="submit" className="primary" disabled={!hydrated}>
            Apply
          </button>
          <button
            type="button"
            disabled={!hydrated}
            onClick={() => {
              setValues(noAuditFilters);
              setIssues(noIssues);
              onApply(firstAuditPage);
            }}
          >
            Clear
          </button>
        </div>
      </form>
    </search>
  );
}
