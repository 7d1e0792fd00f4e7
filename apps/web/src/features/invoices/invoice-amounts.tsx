import { formatMoney } from "@tally/validators";
import { DISPLAY_LOCALE } from "@/lib/locale";
import { type Invoice, invoiceBalance } from "./invoice";

/** Total, received, and what is still owed, or paid beyond the total. */
export function InvoiceAmounts({ invoice }: { invoice: Invoice }) {
  const money = (minor: number) => formatMoney(minor, invoice.currency, DISPLAY_LOCALE);
  const { due, over } = invoiceBalance(invoice);
  return (
    <dl className="totals" aria-label="Amounts">
      <div>
        <dt>Total</dt>
        <dd>{money(invoice.totalMinor)}</dd>
      </div>
      <div>
        <dt>Paid</dt>
        <dd>{money(invoice.paidMinor)}</dd>
      </div>
      {over > 0 ? (
        <div className="grand-total over-paid">
          <dt>Over-paid</dt>
          <dd>{money(over)}</dd>
        </div>
      ) : (
        <div className="grand-total">
          <dt>Balance due</dt>
          <dd>{money(due)}</dd>
        </div>
      )}
    </dl>
  );
}
