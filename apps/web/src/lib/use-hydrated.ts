"use client";

import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * False in the server's HTML and until React has taken over the page. Controls
 * stay disabled until then: a click before hydration would be lost, and a
 * form submitted natively would put its fields (a password) in the address.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
