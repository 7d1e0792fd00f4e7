import { formatMoney } from "@tally/validators";
import { StyleSheet, Text } from "react-native";
import { trpc } from "../../src/api/trpc.ts";
import { formatDate } from "../../src/format/date.ts";
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
          <Text style={[text.title, styles.title]}>{found.name}</Text>
          {found.description ? (
            <Text style={[text.body, styles.description]}>{found.description}</Text>
          ) : null}
          <Section title="Details">
            <DetailRow label="SKU" value={found.sku} />
            <DetailRow label="Price" value={formatMoney(found.priceMinor, found.currency)} strong />
            <DetailRow label="In stock" value={String(found.stock)} />
            <DetailRow label="Updated on" value={formatDate(found.updatedAt)} />
            {found.archivedAt ? <DetailRow label="Archived on" value={formatDate(found.archivedAt)} /> : null}
          </Section>
        </>
      )}
    </QueryView>
  );
}

const styles = StyleSheet.create({
  title: { padding: space.l },
  description: { paddingHorizontal: space.l },
});
