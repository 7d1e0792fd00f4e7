import superjson from "superjson";
import type { WireRequest } from "./send.ts";

/** Builders for the requests tRPC's links send, so a corpus reads like the calls it makes. */
export function trpcWire(basePath: string) {
  const json = { "content-type": "application/json" };
  const serialize = (input: unknown) => JSON.stringify(superjson.serialize(input));
  const batchInputs = (inputs: unknown[]) =>
    JSON.stringify(Object.fromEntries(inputs.map((input, index) => [index, superjson.serialize(input)])));

  return {
    query(path: string, input?: unknown, headers?: Record<string, string>): WireRequest {
      const query = input === undefined ? "" : `?input=${encodeURIComponent(serialize(input))}`;
      return { method: "GET", path: `${basePath}${path}${query}`, ...(headers ? { headers } : {}) };
    },
    batchQuery(paths: string[], inputs: unknown[], headers?: Record<string, string>): WireRequest {
      const query = `?batch=1&input=${encodeURIComponent(batchInputs(inputs))}`;
      return {
        method: "GET",
        path: `${basePath}${paths.join(",")}${query}`,
        ...(headers ? { headers } : {}),
      };
    },
    mutation(path: string, input?: unknown, headers?: Record<string, string>): WireRequest {
      return {
        method: "POST",
        path: `${basePath}${path}`,
        headers: { ...json, ...headers },
        ...(input === undefined ? {} : { body: serialize(input) }),
      };
    },
    batchMutation(paths: string[], inputs: unknown[]): WireRequest {
      return {
        method: "POST",
        path: `${basePath}${paths.join(",")}?batch=1`,
        headers: json,
        body: batchInputs(inputs),
      };
    },
    raw(
      method: string,
      path: string,
      headers: Record<string, string> = {},
      body?: string | Buffer,
    ): WireRequest {
      return { method, path: `${basePath}${path}`, headers, ...(body === undefined ? {} : { body }) };
    },
  };
}
