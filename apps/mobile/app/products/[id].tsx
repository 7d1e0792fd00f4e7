import { Text } from "react-native";
import { trpc } from "../../src/api/trpc.ts";
import { formatDate, formatMoney } from "../../src/format/money.ts";
import { DetailRow } from "../../src/ui/detail-row.tsx";
import { QueryView } from "../../src/ui/query-view.tsx";
import { useIdParam } from "../../src/ui/route-params.ts";
import { Section } from "../../src/ui/section.tsx";
import { space, text } from "../../src/ui/theme.ts";

export default function ProductScreen() {
  const product = trpc.catalog.products.get.useQuery({ id: useIdParam() });
  return (
    <QueryView query={product}>
      {(found) => (
        <>
          <Text style={[text.title, { padding: space.l }]}>{found.name}</Text>
          {found.description ? (
            <Text style={[text.body, { paddingHorizontal: space.l }]}>{found.description}</Text>
          ) : null}
          <Section title="Details">
            <DetailRow label="SKU" value={found.sku} />
            <DetailRow label="Price" value={formatMoney(found.priceMinor, found.currency)} strong />
            <DetailRow label="In stock" value={String(found.stock)} />
            <DetailRow label="Updated" value={formatDate(found.updatedAt)} />
            {found.archivedAt ? <DetailRow label="Archived" value={formatDate(found.archivedAt)} /> : null}
          </Section>
        </>
      )}
    </QueryView>
  );
}
