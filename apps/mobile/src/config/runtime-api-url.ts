import Constants from "expo-constants";
import { Platform } from "react-native";
import { type ApiUrlSelection, selectApiUrl } from "./api-url.ts";

/** Reads the sources once, at start: changing the address means rebuilding or reloading the app. */
export const apiUrlSelection: ApiUrlSelection = selectApiUrl({
  // Written out in full: Expo inlines EXPO_PUBLIC_ variables only where they appear literally.
  configured: process.env.EXPO_PUBLIC_TALLY_API_URL,
  platform: Platform.OS,
  pageOrigin: Platform.OS === "web" ? globalThis.location?.origin : undefined,
  devServerHost: __DEV__ ? (Constants.expoConfig?.hostUri ?? undefined) : undefined,
});
