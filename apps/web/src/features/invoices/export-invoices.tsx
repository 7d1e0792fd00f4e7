"use client";

import Link from "next/link";
import type { MouseEvent } from "react";
import { trpc } from "@/trpc/react";
import { type InvoiceFilters, invoiceExportFilters, invoiceExportHref } from "./invoice-filters";

/**
 * The CSV of every invoice the list shows. The API decides how it arrives:
 * small exports download at once (the link's streamed file, with the session
 * cookie); large ones become a report the member downloads from Reports.
 */
export function ExportInvoices({ filters }: { filters: InvoiceFilters }) {
  const href = invoiceExportHref(filters);
  const exportInvoices = trpc.invoices.export.useMutation({
    onSuccess: (outcome) => {
      if (outcome.delivery === "download") window.location.assign(href);
    },
  });
  const ask = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    if (!exportInvoices.isPending) exportInvoices.mutate(invoiceExportFilters(filters));
  };
  const outcome = exportInvoices.data;
  return (
    <>
      <a className="button" href={href} download onClick={ask} aria-disabled={exportInvoices.isPending}>
        {exportInvoices.isPending ? "Preparing CSV…" : "Download CSV"}
      </a>
      <p role="status" className="notice">
        {outcome?.delivery === "report" && (
          <>
            Your export of {outcome.invoices} invoices is being prepared — see{" "}
            <Link href="/reports">Reports</Link>
          </>
        )}
      </p>
      {exportInvoices.error && (
        <div role="alert" className="form-error">
          <p>{exportInvoices.error.message}</p>
        </div>
      )}
    </>
  );
}
