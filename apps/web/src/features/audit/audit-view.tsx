"use client";

import { useState } from "react";
import { AuditFilterForm } from "./audit-filter-form";
import { type AuditListInput, firstAuditPage } from "./audit-filters";
import { AuditTable } from "./audit-table";

/** The organisation's audit log, newest first, filtered by action and dates, a page at a time. */
export function AuditView() {
  const [input, setInput] = useState<AuditListInput>(firstAuditPage);
  return (
    <>
      <AuditFilterForm onApply={setInput} />
      <AuditTable input={input} />
    </>
  );
}
