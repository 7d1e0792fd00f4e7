/**
 * tRPC's HTTP wire format, as far as forwarding needs it: which procedures a
 * request calls, with which inputs, and how to rebuild a request for a subset.
 * `/trpc/a.b,c.d?batch=1` calls two procedures; inputs are a JSON object keyed
 * by position, in `?input=` for queries and in the body for mutations.
 */
export type TrpcCall = { path: string; input: unknown };
export type TrpcRequest = { method: "GET" | "POST"; batch: boolean; calls: TrpcCall[]; streaming: boolean };

/** Null when the request is not a well-formed tRPC call; the local handler then answers it as tRPC would. */
export async function readTrpcRequest(req: Request, endpoint: string): Promise<TrpcRequest | null> {
  if (req.method !== "GET" && req.method !== "POST") return null;
  // Only JSON is forwarded (the forwarder sends it as JSON); tRPC's own answer to anything else comes from here.
  const contentType = req.headers.get("content-type");
  if (contentType === null ? req.method === "POST" : !contentType.startsWith("application/json")) return null;
  const url = new URL(req.url);
  if (!url.pathname.startsWith(`${endpoint}/`)) return null;
  const paths = decodeURIComponent(url.pathname.slice(endpoint.length + 1)).split(",");
  const batch = url.searchParams.get("batch") === "1";
  const raw = req.method === "GET" ? url.searchParams.get("input") : await req.clone().text();
  let input: unknown;
  try {
    input = raw ? JSON.parse(raw) : undefined;
  } catch {
    return null;
  }
  if (batch && input !== undefined && (typeof input !== "object" || input === null)) return null;
  const inputs = (batch ? (input ?? {}) : {}) as Record<string, unknown>;
  return {
    method: req.method,
    batch,
    streaming: req.headers.get("trpc-accept") === "application/jsonl",
    calls: paths.map((path, index) => ({ path, input: batch ? inputs[index] : input })),
  };
}

/** A request for some of the calls, in the same shape, against `baseUrl` (…/trpc). */
export function buildTrpcRequest(
  baseUrl: string,
  request: TrpcRequest,
  calls: TrpcCall[],
  headers: Headers,
  signal?: AbortSignal,
) {
  const url = new URL(`${baseUrl}/${calls.map((call) => call.path).join(",")}`);
  if (request.batch) url.searchParams.set("batch", "1");
  const input = request.batch
    ? Object.fromEntries(
        calls.flatMap((call, index) => (call.input === undefined ? [] : [[index, call.input]])),
      )
    : calls[0]?.input;
  const body = input === undefined ? undefined : JSON.stringify(input);
  if (request.method === "GET" && body !== undefined) url.searchParams.set("input", body);
  return new Request(url, {
    method: request.method,
    headers,
    ...(request.method === "POST" ? { body: body ?? "" } : {}),
    ...(signal ? { signal } : {}),
  });
}

/** The router a procedure path belongs to: `invoices` for `invoices.list`. */
export const routerOf = (path: string) => path.split(".", 1)[0] ?? path;
