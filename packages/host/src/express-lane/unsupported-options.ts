const OFF = "or switch the express lane off (expressLane: false, TALLY_EXPRESS_LANE=false)";

/** Adapter options the lane would silently ignore, and what to do instead. */
const UNSUPPORTED: Record<string, string> = {
  middleware: `it would skip the middleware on the requests it serves; run the middleware in front of the handler, ${OFF}`,
};

/** Every option the lane reads; anything else would be an adapter option it does not know. */
const KNOWN = new Set([
  "router",
  "basePath",
  "createContext",
  "onError",
  "limits",
  "fallback",
  "allowBatching",
  "batching",
  "allowMethodOverride",
  "responseMeta",
]);

/**
 * Throws, naming the option, when the lane is given one of tRPC's adapter
 * options that it does not honour: the adapter behind it would honour it, so
 * the two paths would answer the same request differently.
 */
export function refuseUnsupportedOptions(options: object): void {
  for (const [name, value] of Object.entries(options)) {
    if (value === undefined || KNOWN.has(name)) continue;
    const reason = UNSUPPORTED[name] ?? `it does not know this option of tRPC's adapter; ${OFF}`;
    throw new Error(`The express lane does not support the tRPC adapter option "${name}": ${reason}.`);
  }
}
