"use client";

import { RecordFilterBar } from "@/features/lists/record-filter-bar";
import { useUrlFilters } from "@/lib/use-url-filters";
import { INVOICE_FILTER_LABELS } from "./invoice";
import { invoiceExportHref, readInvoiceFilters, writeInvoiceFilters } from "./invoice-filters";
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
        {/* A plain link: the browser downloads the streamed file with the session cookie. */}
        <a className="button" href={invoiceExportHref(filters)} download>
          Download CSV
        </a>
      </div>
      <InvoiceList filters={filters} />
    </section>
  );
}
