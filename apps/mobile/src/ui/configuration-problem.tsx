import { StyleSheet, Text, View } from "react-native";
import { space, text } from "./theme.ts";

/** A build without an API address cannot do anything useful; say so instead of failing on every call. */
export function ConfigurationProblem({ problem }: { problem: string }) {
  return (
    <View style={styles.box} accessibilityRole="alert">
      <Text style={text.title}>This build of Tally is not configured</Text>
      <Text style={text.body}>{problem}</Text>
    </View>
  );
}

const styles = StyleSheet.create({
  box: { flex: 1, justifyContent: "center", padding: space.xl, gap: space.m },
});
