import type { TokenStore } from "./token-store.types.ts";

/** For tests: the same contract as secure storage, in memory. */
export function memoryTokenStore(initial: string | null = null): TokenStore & { peek(): string | null } {
  let saved = initial;
  return {
    peek: () => saved,
    read: async () => saved,
    write: async (token) => {
      saved = token;
    },
    clear: async () => {
      saved = null;
    },
  };
}
