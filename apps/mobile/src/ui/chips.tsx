import { Pressable, ScrollView, StyleSheet, Text } from "react-native";
import { colors, space } from "./theme.ts";

type ChipsProps<Value extends string> = {
  options: readonly { value: Value | null; label: string }[];
  selected: Value | null;
  onSelect: (value: Value | null) => void;
};

/** A single-choice filter; `null` is "all". */
export function Chips<Value extends string>({ options, selected, onSelect }: ChipsProps<Value>) {
  return (
    <ScrollView horizontal showsHorizontalScrollIndicator={false} contentContainerStyle={styles.row}>
      {options.map(({ value, label }) => {
        const active = value === selected;
        return (
          <Pressable
            key={label}
            accessibilityRole="button"
            accessibilityState={{ selected: active }}
            onPress={() => onSelect(value)}
            style={[styles.chip, active && styles.active]}
          >
            <Text style={[styles.label, active && styles.activeLabel]}>{label}</Text>
          </Pressable>
        );
      })}
    </ScrollView>
  );
}

const styles = StyleSheet.create({
  row: { gap: space.s, padding: space.m },
  chip: {
    paddingHorizontal: space.m,
    paddingVertical: space.xs + 2,
    borderRadius: 16,
    borderWidth: 1,
    borderColor: colors.border,
  },
  active: { backgroundColor: colors.primary, borderColor: colors.primary },
  label: { fontSize: 14, color: colors.text },
  activeLabel: { color: colors.onPrimary },
});
