"use client";

import { RecordFilterBar } from "@/features/lists/record-filter-bar";
import { useUrlFilters } from "@/lib/use-url-filters";
import { ExportInvoices } from "./export-invoices";
import { INVOICE_FILTER_LABELS } from "./invoice";
import { readInvoiceFilters, writeInvoiceFilters } from "./invoice-filters";
import { InvoiceList } from "./invoice-list";

const invoiceFilterCodec = { read: readInvoiceFilters, write: writeInvoiceFilters };

/** The invoices screen: filters kept in the address, the list they select, and its CSV download. */
export function InvoicesView() {
  const { filters, setFilters } = useUrlFilters(invoiceFilterCodec);
  return (
    <section aria-label="Invoice list">
      <RecordFilterBar
        label="Filter invoices"
        filters={filters}
        statuses={INVOICE_FILTER_LABELS}
        dateWhat="Issued"
        onChange={setFilters}
      />
      <div className="list-tools">
        <ExportInvoices filters={filters} />
      </div>
      <InvoiceList filters={filters} />
    </section>
  );
}
