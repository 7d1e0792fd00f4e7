import type { TokenStore } from "./token-store.types.ts";

const KEY = "tally.session-token";

/**
 * A browser has no secure enclave for the web build. Session storage at least
 * ends with the tab and is not shared with other tabs, which limits what a
 * leaked token is worth compared with local storage.
 */
export const tokenStore: TokenStore = {
  read: async () => globalThis.sessionStorage?.getItem(KEY) ?? null,
  write: async (token) => globalThis.sessionStorage?.setItem(KEY, token),
  clear: async () => globalThis.sessionStorage?.removeItem(KEY),
};
