import { isUnreachable } from "@tally/client";
import { StyleSheet, Text, View } from "react-native";
import { Button } from "./button.tsx";
import { colors, space, text } from "./theme.ts";

type NoticeProps = { error: unknown; onRetry?: () => void };

/** What went wrong, in words: the network, or what the server said. */
export function ErrorNotice({ error, onRetry }: NoticeProps) {
  const offline = isUnreachable(error);
  return (
    <View style={[styles.box, offline && styles.offline]} accessibilityRole="alert">
      <Text style={styles.title}>{offline ? "You're offline" : "Something went wrong"}</Text>
      <Text style={text.muted}>
        {offline ? "Tally can't be reached. Check your connection." : messageOf(error)}
      </Text>
      {onRetry ? <Button title="Try again" variant="secondary" onPress={onRetry} /> : null}
    </View>
  );
}

function messageOf(error: unknown): string {
  if (isUnreachable(error)) return "Tally can't be reached. Check your connection.";
  return error instanceof Error && error.message ? error.message : "Unexpected error";
}

const styles = StyleSheet.create({
  box: {
    margin: space.l,
    padding: space.l,
    gap: space.s,
    borderRadius: 8,
    borderWidth: 1,
    borderColor: colors.border,
    backgroundColor: colors.surface,
  },
  offline: { backgroundColor: colors.warningSurface, borderColor: colors.warningSurface },
  title: { ...text.label, fontSize: 16 },
});
