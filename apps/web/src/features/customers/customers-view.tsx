"use client";

import { useState } from "react";
import { SearchBox } from "@/components/search-box";
import { useUrlFilters } from "@/lib/use-url-filters";
import { CreateCustomerForm } from "./create-customer-form";
import type { Customer } from "./customer";
import { readCustomerFilters, writeCustomerFilters } from "./customer-filters";
import { CustomerList } from "./customer-list";
import { EditCustomerForm } from "./edit-customer-form";

const customerFilterCodec = { read: readCustomerFilters, write: writeCustomerFilters };

/** The customers screen: the searchable list beside a form to create a customer or edit the chosen one. */
export function CustomersView() {
  const { filters, setFilters } = useUrlFilters(customerFilterCodec);
  const [editing, setEditing] = useState<Customer | null>(null);
  const [notice, setNotice] = useState("");

  return (
    <div className="split-layout">
      <section aria-label="Customer list">
        <search className="toolbar">
          <SearchBox
            label="Search customers"
            placeholder="Name or email"
            className="grow"
            value={filters.search}
            onSearch={(search) => setFilters({ search })}
          />
        </search>
        <p role="status" className="notice">
          {notice}
        </p>
        <CustomerList filters={filters} onEdit={setEditing} />
      </section>
      <aside>
        {editing ? (
          <EditCustomerForm
            key={`${editing.id}@${editing.version}`}
            customer={editing}
            onSaved={(saved) => {
              setEditing(null);
              setNotice(`${saved.name} saved`);
            }}
            onReload={setEditing}
            onCancel={() => setEditing(null)}
          />
        ) : (
          <CreateCustomerForm onCreated={(created) => setNotice(`${created.name} created`)} />
        )}
      </aside>
    </div>
  );
}
