import type { IncomingMessage } from "node:http";
import { callPaths, isBatchCall, wantsJsonLines } from "../trpc-call/index.ts";

/** A request in the shape the lane serves: JSON in, JSON out, no streaming. */
export type PlainRequest = {
  method: "GET" | "POST";
  /** Procedure paths; more than one only in a `?batch=1` call. */
  paths: string[];
  isBatchCall: boolean;
  query: URLSearchParams;
};

// The official adapter parses the URL with WHATWG `URL` and decodes the path.
// The lane takes only URLs that parsing would leave unchanged (printable ASCII,
// no fragment, a path of plain procedure names), so reading them directly
// gives the same path and query; anything else goes to the official adapter.
const PLAIN_URL = /^[\x21\x22\x24-\x7e]*$/;
const PLAIN_PATH = /^[\w$-]+(?:[.,][\w$-]+)*$/;

/** The request as the lane would serve it, or null when it belongs to the official adapter. */
export function readPlainRequest(req: IncomingMessage, basePath: string): PlainRequest | null {
  const { method, headers } = req;
  if (method !== "GET" && method !== "POST") return null; // HEAD, OPTIONS, method errors
  const contentType = headers["content-type"];
  // POST bodies must be JSON (FormData and octet-stream inputs are the adapter's);
  // a GET without a content type is JSON by tRPC's own fallback.
  if (contentType === undefined ? method === "POST" : !contentType.startsWith("application/json"))
    return null;
  // httpBatchStreamLink asks for JSON lines, and only the adapter streams. The
  // lane's request info says `accept: null`, so any trpc-accept goes there too.
  if (headers["trpc-accept"] !== undefined || wantsJsonLines(undefined, headers.accept)) return null;
  if (!isPlainHost(headers.host)) return null;

  const url = req.url ?? "";
  if (!url.startsWith(basePath) || !PLAIN_URL.test(url)) return null;
  const queryStart = url.indexOf("?", basePath.length);
  const path = queryStart === -1 ? url.slice(basePath.length) : url.slice(basePath.length, queryStart);
  if (!PLAIN_PATH.test(path)) return null;
  const query = new URLSearchParams(queryStart === -1 ? "" : url.slice(queryStart + 1));
  if (query.has("connectionParams")) return null; // subscription links; createContext reads them from info
  const batch = isBatchCall(query);
  return { method, paths: callPaths(path, batch), isBatchCall: batch, query };
}

// The adapter builds `new URL(req.url, "http://" + host)` and answers 400 when
// the Host header makes that fail. Hosts are few, so remembering the good ones
// keeps the check off the per-request cost; an odd one is left to the adapter.
const plainHosts = new Set<string>();
const MAX_REMEMBERED_HOSTS = 64;

function isPlainHost(host: string | undefined): boolean {
  if (host === undefined || plainHosts.has(host)) return true;
  if (!URL.canParse(`http://${host}`)) return false;
  if (plainHosts.size < MAX_REMEMBERED_HOSTS) plainHosts.add(host);
  return true;
}
