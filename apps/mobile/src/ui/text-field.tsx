import { StyleSheet, Text, TextInput, type TextInputProps, View } from "react-native";
import { colors, space, text } from "./theme.ts";

type TextFieldProps = TextInputProps & { label: string; error?: string | undefined };

export function TextField({ label, error, style, ...input }: TextFieldProps) {
  return (
    <View style={styles.field}>
      <Text style={text.label}>{label}</Text>
      <TextInput
        accessibilityLabel={label}
        placeholderTextColor={colors.muted}
        style={[styles.input, error ? styles.invalid : null, style]}
        {...input}
      />
      {error ? <Text style={text.error}>{error}</Text> : null}
    </View>
  );
}

const styles = StyleSheet.create({
  field: { gap: space.xs },
  input: {
    minHeight: 44,
    paddingHorizontal: space.m,
    borderWidth: 1,
    borderColor: colors.border,
    borderRadius: 8,
    fontSize: 16,
    color: colors.text,
    backgroundColor: colors.background,
  },
  invalid: { borderColor: colors.danger },
});
