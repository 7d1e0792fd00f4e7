import { z } from "zod";

export const cursorPageInput = z.object({
  limit: z.number().int().min(1).max(100).default(20),
  /** The `nextCursor` of the previous page. */
  cursor: z.string().min(1).max(64).optional(),
});

export type CursorPage<T> = { items: T[]; nextCursor: string | null };
