import { z } from "zod";

/** How many rows a dashboard panel asks for. */
const panelLimit = z.int().min(1).max(50).default(10);

export const reorderSoonInput = z.object({ limit: panelLimit });
export const invoicesAtRiskInput = z.object({ limit: panelLimit });

export type ReorderSoonInput = z.infer<typeof reorderSoonInput>;
export type InvoicesAtRiskInput = z.infer<typeof invoicesAtRiskInput>;
