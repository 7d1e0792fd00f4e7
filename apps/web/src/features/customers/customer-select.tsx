"use client";

import { keepPreviousData } from "@tanstack/react-query";
import { useId, useState } from "react";
import { SearchBox } from "@/components/search-box";
import { useHydrated } from "@/lib/use-hydrated";
import { trpc } from "@/trpc/react";
import { customerChoicesInput } from "./customer-choices";

type CustomerSelectProps = {
  /** A customer id, or "" for none. */
  value: string;
  onChange: (customerId: string) => void;
  /** The choice meaning "none": "Any customer" in a filter, "Choose a customer" in a form. */
  emptyLabel: string;
  label?: string;
  errors?: string[] | undefined;
};

/** Pick one of the organisation's customers: a search box narrows the choices, a select picks one. */
export function CustomerSelect({
  value,
  onChange,
  emptyLabel,
  label = "Customer",
  errors,
}: CustomerSelectProps) {
  const hydrated = useHydrated();
  const id = useId();
  const [search, setSearch] = useState("");
  const choices = trpc.customers.list.useQuery(customerChoicesInput(search), {
    placeholderData: keepPreviousData,
  });
  const items = choices.data?.items ?? [];
  const listed = !value || items.some((customer) => customer.id === value);
  // The chosen customer stays a choice when a search (or the first page) leaves it out.
  const chosen = trpc.customers.get.useQuery({ id: value }, { enabled: !listed });
  const invalid = Boolean(errors?.length);

  return (
    <div className="customer-select">
      <SearchBox label="Find a customer" placeholder="Name or email" value={search} onSearch={setSearch} />
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <select
          id={id}
          value={value}
          disabled={!hydrated}
          aria-invalid={invalid}
          aria-describedby={invalid ? `${id}-error` : undefined}
          aria-busy={choices.isFetching}
          onChange={(event) => onChange(event.target.value)}
        >
          <option value="">{emptyLabel}</option>
          {!listed && chosen.data && <option value={chosen.data.id}>{chosen.data.name}</option>}
          {items.map((customer) => (
            <option key={customer.id} value={customer.id}>
              {customer.name}
            </option>
          ))}
        </select>
        {invalid && (
          <p id={`${id}-error`} className="field-error">
            {errors?.join(" ")}
          </p>
        )}
      </div>
    </div>
  );
}
