import { formatMoney, invoiceTitle } from "@tally/validators";
import { router } from "expo-router";
import { trpc } from "../api/trpc.ts";
import { ListRow } from "../ui/list-row.tsx";
import { ErrorNotice } from "../ui/notice.tsx";
import { Section } from "../ui/section.tsx";
import { invoiceStatusLabel } from "./invoice-status.ts";

/** The customer's most recent invoices, newest first, each opening its detail. */
export function CustomerInvoices({ customerId }: { customerId: string }) {
  const invoices = trpc.invoices.list.useQuery({ customerId, limit: 10 });
  return (
    <Section title="Recent invoices">
      {invoices.error ? <ErrorNotice error={invoices.error} onRetry={() => void invoices.refetch()} /> : null}
      {invoices.data?.items.length === 0 ? <ListRow title="No invoices yet" /> : null}
      {invoices.data?.items.map((invoice) => (
        <ListRow
          key={invoice.id}
          title={invoiceTitle(invoice.number)}
          subtitle={invoiceStatusLabel[invoice.status]}
          trailing={formatMoney(invoice.totalMinor, invoice.currency)}
          onPress={() => router.push({ pathname: "/invoices/[id]", params: { id: invoice.id } })}
        />
      ))}
    </Section>
  );
}
