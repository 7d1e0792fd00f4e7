import { formatMoney } from "@tally/validators";
import { DateTime } from "@/components/date-time";
import { StatusBadge } from "@/components/status-badge";
import { PAYMENT_STATUS_LABELS } from "@/features/payments/payment";
import { DISPLAY_LOCALE } from "@/lib/locale";
import type { InvoicePayment } from "./invoice";

/** Every payment attempt the provider reported for the invoice, newest first; failed ones moved no money. */
export function InvoicePayments({ payments }: { payments: InvoicePayment[] }) {
  if (payments.length === 0) return <p className="muted">No payments yet.</p>;
  return (
    <table className="data-table">
      <caption className="visually-hidden">Payments, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Received</th>
          <th scope="col">Provider reference</th>
          <th scope="col">Status</th>
          <th scope="col" className="number">
            Amount
          </th>
        </tr>
      </thead>
      <tbody>
        {payments.map((payment) => (
          <tr key={payment.id}>
            <td className="nowrap">
              <DateTime value={payment.receivedAt} />
            </td>
            <th scope="row" className="reference">
              {payment.providerPaymentId}
            </th>
            <td>
              <StatusBadge status={payment.status} label={PAYMENT_STATUS_LABELS[payment.status]} />
            </td>
            <td className="number">{formatMoney(payment.amountMinor, payment.currency, DISPLAY_LOCALE)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
