/** One call as the forwarder sends it on: its path and its input as the client serialised it. */
export type TrpcCall = { path: string; input: unknown };

/**
 * The URL and body of a request for `calls` in tRPC's call format (the
 * inverse of read-calls.ts): paths joined by commas, `?batch=1`, the inputs
 * keyed by position in a batch, in `?input=` for GET and in the body for POST.
 * A call without input has no key; a POST without any input has an empty body.
 */
export function writeCalls(
  baseUrl: string,
  method: "GET" | "POST",
  batch: boolean,
  calls: readonly TrpcCall[],
): { url: URL; body: string | undefined } {
  const url = new URL(`${baseUrl}/${calls.map((call) => call.path).join(",")}`);
  if (batch) url.searchParams.set("batch", "1");
  const input = batch
    ? Object.fromEntries(
        calls.flatMap((call, index) => (call.input === undefined ? [] : [[index, call.input]])),
      )
    : calls[0]?.input;
  const json = input === undefined ? undefined : JSON.stringify(input);
  if (method === "GET") {
    if (json !== undefined) url.searchParams.set("input", json);
    return { url, body: undefined };
  }
  return { url, body: json ?? "" };
}
