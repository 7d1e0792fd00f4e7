import { useLocalSearchParams } from "expo-router";

/** The `[id]` of a route; a repeated query parameter cannot pose as it. */
export function useIdParam(): string {
  const { id } = useLocalSearchParams<{ id: string }>();
  return typeof id === "string" ? id : "";
}
