import { StyleSheet, TextInput, View } from "react-native";
import { colors, space } from "./theme.ts";

type SearchFieldProps = { value: string; onChange: (value: string) => void; placeholder: string };

export function SearchField({ value, onChange, placeholder }: SearchFieldProps) {
  return (
    <View style={styles.box}>
      <TextInput
        accessibilityRole="search"
        accessibilityLabel={placeholder}
        value={value}
        onChangeText={onChange}
        placeholder={placeholder}
        placeholderTextColor={colors.muted}
        autoCapitalize="none"
        autoCorrect={false}
        clearButtonMode="while-editing"
        style={styles.input}
      />
    </View>
  );
}

const styles = StyleSheet.create({
  box: { padding: space.m },
  input: {
    minHeight: 40,
    paddingHorizontal: space.m,
    borderRadius: 8,
    backgroundColor: colors.surface,
    borderWidth: 1,
    borderColor: colors.border,
    fontSize: 16,
    color: colors.text,
  },
});
