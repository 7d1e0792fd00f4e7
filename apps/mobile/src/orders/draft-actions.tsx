import { router } from "expo-router";
import { StyleSheet, View } from "react-native";
import { Button } from "../ui/button.tsx";
import { ErrorNotice } from "../ui/notice.tsx";
import { space } from "../ui/theme.ts";
import { usePlaceOrder } from "./order-mutations.ts";

/** What a draft offers; whether placing is allowed (stock, lines) is the server's answer. */
export function DraftActions({ orderId, version }: { orderId: string; version: number }) {
  const placing = usePlaceOrder(orderId);
  return (
    <View style={styles.actions}>
      {placing.error ? <ErrorNotice error={placing.error} /> : null}
      <Button
        title="Add item"
        variant="secondary"
        onPress={() => router.push({ pathname: "/orders/[id]/add-item", params: { id: orderId } })}
      />
      <Button title="Place order" onPress={() => placing.place(version)} busy={placing.isPending} />
    </View>
  );
}

const styles = StyleSheet.create({ actions: { padding: space.l, gap: space.m } });
