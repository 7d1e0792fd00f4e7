import { Pressable, StyleSheet, Text, View } from "react-native";
import { colors, space, text } from "./theme.ts";

type ListRowProps = {
  title: string;
  subtitle?: string | undefined;
  trailing?: string | undefined;
  onPress?: () => void;
  selected?: boolean;
};

export function ListRow({ title, subtitle, trailing, onPress, selected = false }: ListRowProps) {
  return (
    <Pressable
      accessibilityRole={onPress ? "button" : undefined}
      accessibilityState={{ selected }}
      disabled={!onPress}
      onPress={onPress}
      style={({ pressed }) => [styles.row, (pressed || selected) && styles.highlighted]}
    >
      <View style={styles.main}>
        <Text style={text.body} numberOfLines={1}>
          {title}
        </Text>
        {subtitle ? (
          <Text style={text.muted} numberOfLines={1}>
            {subtitle}
          </Text>
        ) : null}
      </View>
      {trailing ? <Text style={text.label}>{trailing}</Text> : null}
    </Pressable>
  );
}

const styles = StyleSheet.create({
  row: {
    flexDirection: "row",
    alignItems: "center",
    gap: space.m,
    paddingHorizontal: space.l,
    paddingVertical: space.m,
    borderBottomWidth: StyleSheet.hairlineWidth,
    borderBottomColor: colors.border,
    backgroundColor: colors.background,
  },
  highlighted: { backgroundColor: colors.surface },
  main: { flex: 1, gap: 2 },
});
