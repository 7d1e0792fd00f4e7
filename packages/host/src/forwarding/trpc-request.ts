import {
  type CallInputs,
  callPaths,
  inputsByIndex,
  isBatchCall,
  queryInput,
  type TrpcCall,
  wantsJsonLines,
  writeCalls,
} from "../trpc-call/index.ts";

/**
 * A request to the web app's tRPC endpoint, read with the same functions as
 * the express lane (../trpc-call): which procedures it calls, with which
 * inputs (as the client serialised them), and how to rebuild it for a subset.
 */
export type { TrpcCall };
export type TrpcRequest = { method: "GET" | "POST"; batch: boolean; calls: TrpcCall[]; streaming: boolean };

/** Null when the request is not a well-formed tRPC call; the local handler then answers it as tRPC would. */
export async function readTrpcRequest(req: Request, endpoint: string): Promise<TrpcRequest | null> {
  if (req.method !== "GET" && req.method !== "POST") return null;
  // Only JSON is forwarded (the forwarder sends it as JSON); tRPC's own answer to anything else comes from here.
  const contentType = req.headers.get("content-type");
  if (contentType === null ? req.method === "POST" : !contentType.startsWith("application/json")) return null;
  const url = new URL(req.url);
  if (!url.pathname.startsWith(`${endpoint}/`)) return null;
  const batch = isBatchCall(url.searchParams);
  const paths = callPaths(decodeURIComponent(url.pathname.slice(endpoint.length + 1)), batch);
  let inputs: CallInputs;
  try {
    const raw = req.method === "GET" ? queryInput(url.searchParams) : bodyOrNothing(await req.clone().text());
    inputs = inputsByIndex(raw, batch ? paths.length : null);
  } catch {
    return null;
  }
  return {
    method: req.method,
    batch,
    streaming: wantsJsonLines(req.headers.get("trpc-accept"), req.headers.get("accept")),
    calls: paths.map((path, index) => ({ path, input: inputs[index] })),
  };
}

// httpLink sends a mutation without input with an empty body, which tRPC reads
// only if the procedure asks for input; the rebuilt request is empty again.
const bodyOrNothing = (text: string): unknown => (text ? JSON.parse(text) : undefined);

/** A request for some of the calls, in the same shape, against `baseUrl` (…/trpc). */
export function buildTrpcRequest(
  baseUrl: string,
  request: TrpcRequest,
  calls: TrpcCall[],
  headers: Headers,
  signal?: AbortSignal,
) {
  const { url, body } = writeCalls(baseUrl, request.method, request.batch, calls);
  return new Request(url, {
    method: request.method,
    headers,
    ...(body !== undefined ? { body } : {}),
    ...(signal ? { signal } : {}),
  });
}

/** The router a procedure path belongs to: `invoices` for `invoices.list`. */
export const routerOf = (path: string) => path.split(".", 1)[0] ?? path;
