import type { ReactNode } from "react";
import { StyleSheet, Text, View } from "react-native";
import { space, text } from "./theme.ts";

export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <View style={styles.section}>
      <Text style={[text.muted, styles.title]} accessibilityRole="header">
        {title.toUpperCase()}
      </Text>
      {children}
    </View>
  );
}

const styles = StyleSheet.create({
  section: { marginTop: space.l },
  title: { paddingHorizontal: space.l, paddingBottom: space.xs, fontSize: 12, letterSpacing: 0.5 },
});
