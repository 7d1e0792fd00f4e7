import { ActivityIndicator, StyleSheet, View } from "react-native";
import { colors, space } from "./theme.ts";

export function Loading() {
  return (
    <View style={styles.centre} accessibilityLabel="Loading">
      <ActivityIndicator size="large" color={colors.primary} />
    </View>
  );
}

const styles = StyleSheet.create({ centre: { flex: 1, padding: space.xl, alignItems: "center" } });
