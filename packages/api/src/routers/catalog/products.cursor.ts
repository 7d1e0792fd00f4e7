import { alphabetical, type CursorKey } from "../../pagination.ts";

export const productCursor = alphabetical();
export type ProductKey = CursorKey<typeof productCursor>;
