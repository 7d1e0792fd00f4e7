"use client";

import { keepPreviousData } from "@tanstack/react-query";
import Link from "next/link";
import { PagedList } from "@/components/paged-list";
import { useHydrated } from "@/lib/use-hydrated";
import { trpc } from "@/trpc/react";
import type { Customer } from "./customer";
import { type CustomerFilters, customerListInput } from "./customer-filters";

type CustomerListProps = { filters: CustomerFilters; onEdit: (customer: Customer) => void };

/** Customers A to Z, a page at a time; on the first visit the server already fetched page one. */
export function CustomerList({ filters, onEdit }: CustomerListProps) {
  const hydrated = useHydrated();
  const list = trpc.customers.list.useInfiniteQuery(customerListInput(filters), {
    getNextPageParam: (page) => page.nextCursor,
    placeholderData: keepPreviousData,
  });

  return (
    <PagedList
      query={list}
      loading="Loading customers…"
      what="customers"
      empty={filters.search ? `No customers match “${filters.search}”.` : "No customers yet."}
    >
      {(customers) => (
        <table className="data-table">
          <caption className="visually-hidden">Customers, A to Z</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Phone</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {customers.map((customer) => (
              <tr key={customer.id}>
                <th scope="row">{customer.name}</th>
                <td>{customer.email ?? "—"}</td>
                <td className="nowrap">{customer.phone ?? "—"}</td>
                <td className="row-actions">
                  <Link
                    className="row-link"
                    href={`/orders?customer=${encodeURIComponent(customer.id)}`}
                    aria-label={`Orders of ${customer.name}`}
                  >
                    Orders
                  </Link>
                  <button
                    type="button"
                    aria-label={`Edit ${customer.name}`}
                    disabled={!hydrated}
                    onClick={() => onEdit(customer)}
                  >
                    Edit
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </PagedList>
  );
}
