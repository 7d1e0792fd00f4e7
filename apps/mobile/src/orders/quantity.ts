import { addOrderItemInput } from "@tally/validators";

export type QuantityCheck = { ok: true; quantity: number } | { ok: false; message: string };

/** The server's own rule for a line's quantity, applied while typing so the user sees it before sending. */
export function checkQuantity(typed: string): QuantityCheck {
  const parsed = addOrderItemInput.shape.quantity.safeParse(typed.trim() === "" ? Number.NaN : Number(typed));
  if (parsed.success) return { ok: true, quantity: parsed.data };
  return { ok: false, message: parsed.error.issues[0]?.message ?? "Enter a quantity" };
}
