import type { RouterOutputs } from "@tally/api";
import { router } from "expo-router";
import { StyleSheet, View } from "react-native";
import { Button } from "../ui/button.tsx";
import { ErrorNotice } from "../ui/notice.tsx";
import { space } from "../ui/theme.ts";
import { usePlaceOrder } from "./order-mutations.ts";

type Order = Pick<RouterOutputs["orders"]["get"], "id" | "version" | "allowedActions">;

/**
 * The buttons for what the API says this order allows the signed-in member
 * now (`allowedActions`); whether placing succeeds (stock, lines) is still the
 * server's answer.
 */
export function OrderActions({ order }: { order: Order }) {
  const placing = usePlaceOrder(order.id);
  const canEdit = order.allowedActions.includes("edit");
  const canPlace = order.allowedActions.includes("place");
  if (!canEdit && !canPlace) return null;
  return (
    <View style={styles.actions}>
      {placing.error ? <ErrorNotice error={placing.error} /> : null}
      {canEdit ? (
        <Button
          title="Add item"
          variant="secondary"
          onPress={() => router.push({ pathname: "/orders/[id]/add-item", params: { id: order.id } })}
        />
      ) : null}
      {canPlace ? (
        <Button title="Place order" onPress={() => placing.place(order.version)} busy={placing.isPending} />
      ) : null}
    </View>
  );
}

const styles = StyleSheet.create({ actions: { padding: space.l, gap: space.m } });
