import { z } from "zod";
import { cursorPageInput } from "./pagination.ts";

export const emailKind = z.enum(["invoice", "receipt", "reminder", "invitation"]);
export type EmailKind = z.infer<typeof emailKind>;
export const emailStatus = z.enum(["queued", "sent", "failed"]);
export type EmailStatus = z.infer<typeof emailStatus>;

export const emailByIdInput = z.object({ id: z.string().trim().min(1).max(64) });
export const listEmailsInput = cursorPageInput;
export type ListEmailsInput = z.infer<typeof listEmailsInput>;
