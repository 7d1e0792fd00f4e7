import { type CursorKey, newestFirst } from "../../pagination.ts";

export const invoiceCursor = newestFirst("issuedAt");
export type InvoiceKey = CursorKey<typeof invoiceCursor>;
