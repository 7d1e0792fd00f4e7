import { formatMoney, invoiceTitle } from "@tally/validators";
import { router } from "expo-router";
import { trpc } from "../../src/api/trpc.ts";
import { formatDate } from "../../src/format/date.ts";
import { invoiceStatusLabel } from "../../src/invoices/invoice-status.ts";
import { orderStatusLabel } from "../../src/orders/order-status.ts";
import { DetailRow } from "../../src/ui/detail-row.tsx";
import { ListRow } from "../../src/ui/list-row.tsx";
import { QueryView } from "../../src/ui/query-view.tsx";
import { useIdParam } from "../../src/ui/route-params.ts";
import { Section } from "../../src/ui/section.tsx";

export default function InvoiceScreen() {
  const invoice = trpc.invoices.get.useQuery({ id: useIdParam() });
  return (
    <QueryView query={invoice}>
      {(found) => {
        const money = (minor: number) => formatMoney(minor, found.currency);
        return (
          <>
            <Section title={invoiceTitle(found.number)}>
              <DetailRow label="Status" value={invoiceStatusLabel[found.status]} strong />
              <DetailRow label="Total" value={money(found.totalMinor)} strong />
              <DetailRow label="Paid" value={money(found.paidMinor)} />
              <DetailRow label="Issued on" value={formatDate(found.issuedAt)} />
              <DetailRow label="Due on" value={formatDate(found.dueAt)} />
              {found.paidAt ? <DetailRow label="Paid on" value={formatDate(found.paidAt)} /> : null}
              {found.voidedAt ? <DetailRow label="Voided on" value={formatDate(found.voidedAt)} /> : null}
            </Section>
            <Section title="Bills">
              <ListRow
                title={found.order.customer.name}
                subtitle={`Order · ${orderStatusLabel[found.order.status]}`}
                trailing={money(found.order.totalMinor)}
                onPress={() => router.push({ pathname: "/orders/[id]", params: { id: found.order.id } })}
              />
            </Section>
            <Section title={`Payments (${found.payments.length})`}>
              {found.payments.map((payment) => (
                <ListRow
                  key={payment.id}
                  title={money(payment.amountMinor)}
                  subtitle={`${payment.status} · ${payment.provider} · ${formatDate(payment.receivedAt)}`}
                />
              ))}
            </Section>
          </>
        );
      }}
    </QueryView>
  );
}
