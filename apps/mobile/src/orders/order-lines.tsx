import type { RouterOutputs } from "@tally/api";
import { formatMoney } from "@tally/validators";
import { DetailRow } from "../ui/detail-row.tsx";
import { ListRow } from "../ui/list-row.tsx";
import { Section } from "../ui/section.tsx";

type Order = RouterOutputs["orders"]["get"];

/** Lines and totals exactly as the server computed them: the app never adds up money. */
export function OrderLines({ order }: { order: Order }) {
  const money = (minor: number) => formatMoney(minor, order.currency);
  return (
    <>
      <Section title={`Items (${order.lines.length})`}>
        {order.lines.map((line) => (
          <ListRow
            key={line.id}
            title={line.productName}
            subtitle={`${line.quantity} × ${money(line.unitPriceMinor)} · ${line.sku}`}
            trailing={money(line.lineTotalMinor)}
          />
        ))}
      </Section>
      <Section title="Totals">
        <DetailRow label="Subtotal" value={money(order.subtotalMinor)} />
        <DetailRow label={`Tax (${order.taxRateBasisPoints / 100}%)`} value={money(order.taxMinor)} />
        <DetailRow label="Total" value={money(order.totalMinor)} strong />
      </Section>
    </>
  );
}
