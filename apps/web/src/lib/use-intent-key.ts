"use client";

import { useCallback, useRef } from "react";

/**
 * An idempotency key for one thing the user means to do ("place this order").
 * The key is made on the first attempt and kept until that intent is done, so
 * a double click, or "Try again" after a lost answer, sends the same key and
 * the server acts once. `done()` forgets it: the next intent gets a new key.
 */
export function useIntentKey() {
  const key = useRef<string | null>(null);
  const current = useCallback(() => {
    key.current ??= crypto.randomUUID();
    return key.current;
  }, []);
  const done = useCallback(() => {
    key.current = null;
  }, []);
  return { key: current, done };
}
