import * as SecureStore from "expo-secure-store";
import type { TokenStore } from "./token-store.types.ts";

const KEY = "tally.session-token";

/** The Keychain on iOS, the Keystore-backed store on Android. */
export const tokenStore: TokenStore = {
  read: () => SecureStore.getItemAsync(KEY),
  write: (token) => SecureStore.setItemAsync(KEY, token),
  clear: () => SecureStore.deleteItemAsync(KEY),
};
