import { type CursorKey, newestFirst } from "../../pagination.ts";

export const paymentCursor = newestFirst("receivedAt");
export type PaymentKey = CursorKey<typeof paymentCursor>;
