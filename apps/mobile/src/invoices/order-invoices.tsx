import type { RouterOutputs } from "@tally/api";
import { invoiceTitle } from "@tally/validators";
import { router } from "expo-router";
import { ListRow } from "../ui/list-row.tsx";
import { Section } from "../ui/section.tsx";
import { invoiceStatusLabel } from "./invoice-status.ts";

type OrderInvoice = RouterOutputs["orders"]["get"]["invoices"][number];

/** The invoices that bill an order, voided ones included; nothing when it has none yet. */
export function OrderInvoices({ invoices }: { invoices: OrderInvoice[] }) {
  if (invoices.length === 0) return null;
  return (
    <Section title="Invoices">
      {invoices.map((invoice) => (
        <ListRow
          key={invoice.id}
          title={invoiceTitle(invoice.number)}
          trailing={invoiceStatusLabel[invoice.status]}
          onPress={() => router.push({ pathname: "/invoices/[id]", params: { id: invoice.id } })}
        />
      ))}
    </Section>
  );
}
