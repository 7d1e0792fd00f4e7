import { type Href, Link } from "expo-router";
import { StyleSheet } from "react-native";
import { colors, space, text } from "./theme.ts";

export function HeaderLink({ href, title }: { href: Href; title: string }) {
  return (
    <Link href={href} style={styles.link} accessibilityRole="link">
      {title}
    </Link>
  );
}

const styles = StyleSheet.create({
  link: { ...text.label, color: colors.primary, marginHorizontal: space.l },
});
