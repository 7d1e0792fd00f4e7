import { router } from "expo-router";
import { StyleSheet, Text, View } from "react-native";
import { trpc } from "../../src/api/trpc.ts";
import { CustomerInvoices } from "../../src/invoices/customer-invoices.tsx";
import { Button } from "../../src/ui/button.tsx";
import { DetailRow } from "../../src/ui/detail-row.tsx";
import { QueryView } from "../../src/ui/query-view.tsx";
import { useIdParam } from "../../src/ui/route-params.ts";
import { Section } from "../../src/ui/section.tsx";
import { space, text } from "../../src/ui/theme.ts";

export default function CustomerScreen() {
  const customer = trpc.customers.get.useQuery({ id: useIdParam() });
  return (
    <QueryView query={customer}>
      {(found) => (
        <>
          <Text style={[text.title, styles.padded]}>{found.name}</Text>
          <Section title="Contact">
            <DetailRow label="Email" value={found.email ?? "—"} />
            <DetailRow label="Phone" value={found.phone ?? "—"} />
            <DetailRow label="Address" value={found.address || "—"} />
          </Section>
          <View style={styles.padded}>
            <Button
              title="New order for this customer"
              onPress={() => router.push({ pathname: "/orders/new", params: { customerId: found.id } })}
            />
          </View>
          <CustomerInvoices customerId={found.id} />
        </>
      )}
    </QueryView>
  );
}

const styles = StyleSheet.create({ padded: { padding: space.l } });
