import { StyleSheet } from "react-native";

export const colors = {
  text: "#111827",
  muted: "#6b7280",
  border: "#e5e7eb",
  background: "#ffffff",
  surface: "#f9fafb",
  primary: "#1d4ed8",
  onPrimary: "#ffffff",
  danger: "#b91c1c",
  warning: "#92400e",
  warningSurface: "#fef3c7",
} as const;

export const space = { xs: 4, s: 8, m: 12, l: 16, xl: 24 } as const;

export const text = StyleSheet.create({
  title: { fontSize: 20, fontWeight: "600", color: colors.text },
  body: { fontSize: 16, color: colors.text },
  label: { fontSize: 14, fontWeight: "500", color: colors.text },
  muted: { fontSize: 14, color: colors.muted },
  error: { fontSize: 14, color: colors.danger },
});
