import { router } from "expo-router";
import { trpc } from "../../../src/api/trpc.ts";
import { formatDate } from "../../../src/format/date.ts";
import { OrderInvoices } from "../../../src/invoices/order-invoices.tsx";
import { OrderActions } from "../../../src/orders/order-actions.tsx";
import { OrderLines } from "../../../src/orders/order-lines.tsx";
import { orderStatusLabel } from "../../../src/orders/order-status.ts";
import { DetailRow } from "../../../src/ui/detail-row.tsx";
import { ListRow } from "../../../src/ui/list-row.tsx";
import { QueryView } from "../../../src/ui/query-view.tsx";
import { useIdParam } from "../../../src/ui/route-params.ts";
import { Section } from "../../../src/ui/section.tsx";

export default function OrderScreen() {
  const order = trpc.orders.get.useQuery({ id: useIdParam() });
  return (
    <QueryView query={order}>
      {(found) => (
        <>
          <Section title="Order">
            <ListRow
              title={found.customer.name}
              subtitle="Customer"
              onPress={() => router.push({ pathname: "/customers/[id]", params: { id: found.customer.id } })}
            />
            <DetailRow label="Status" value={orderStatusLabel[found.status]} strong />
            <DetailRow label="Created on" value={formatDate(found.createdAt)} />
            {found.placedAt ? <DetailRow label="Placed on" value={formatDate(found.placedAt)} /> : null}
            {found.note ? <DetailRow label="Note" value={found.note} /> : null}
          </Section>
          <OrderLines order={found} />
          <OrderInvoices invoices={found.invoices} />
          <OrderActions order={found} />
        </>
      )}
    </QueryView>
  );
}
