import { useQueryClient } from "@tanstack/react-query";
import { trpc } from "../api/trpc.ts";

/**
 * Every list and record belongs to one organisation, so after switching
 * nothing cached may be shown again: reset drops it and refetches what is on
 * screen, rather than showing the old organisation's data until it arrives.
 */
export function useSwitchOrganisation() {
  const queryClient = useQueryClient();
  return trpc.org.setActive.useMutation({ onSuccess: () => queryClient.resetQueries() });
}
