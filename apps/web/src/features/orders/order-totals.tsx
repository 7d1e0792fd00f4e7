import { formatMoney } from "@tally/validators";
import { DISPLAY_LOCALE } from "@/lib/locale";
import type { Order } from "./order";

const percent = new Intl.NumberFormat(DISPLAY_LOCALE, { style: "percent", maximumFractionDigits: 2 });

/**
 * The server's totals, as computed from the lines in integer minor units.
 * Announced politely, so a screen reader hears the new total after an edit.
 */
export function OrderTotals({ order }: { order: Order }) {
  const money = (minor: number) =>
    order.currency ? formatMoney(minor, order.currency, DISPLAY_LOCALE) : "—";
  return (
    <dl className="totals" aria-label="Totals" aria-live="polite">
      <div>
        <dt>Subtotal</dt>
        <dd data-testid="subtotal">{money(order.subtotalMinor)}</dd>
      </div>
      <div>
        <dt>Tax ({percent.format(order.taxRateBasisPoints / 10_000)})</dt>
        <dd>{money(order.taxMinor)}</dd>
      </div>
      <div className="grand-total">
        <dt>Total</dt>
        <dd data-testid="total">{money(order.totalMinor)}</dd>
      </div>
    </dl>
  );
}
