import type { Corpus } from "../express-lane/differential/protocol-corpus.ts";
import { trpcWire } from "../express-lane/differential/wire.ts";
import type { TrpcLimits } from "../limits/limits-config.ts";

/**
 * Requests at and past the limits, and the malformed ones next to them, that
 * every host must answer alike (status, content type, body): the web app's
 * fetch path and apps/server's node path read their limits from one config.
 * `bearer` signs the mutations in, so their input is actually read.
 */
export function limitsCorpus({
  basePath,
  limits,
  bearer,
}: {
  basePath: string;
  limits: TrpcLimits;
  bearer: Record<string, string>;
}): Corpus {
  const wire = trpcWire(basePath);
  const json = { ...bearer, "content-type": "application/json" };
  const pings = (count: number) => Array.from({ length: count }, () => "health.ping");
  // Refused by its schema once read (priceMinor < 0), so no host writes anything.
  const invalidProduct = { sku: "LIMITS-1", name: "Never stored", priceMinor: -1, currency: "USD" };
  const padded = (size: number) => {
    const body = JSON.stringify({ json: invalidProduct });
    return body + " ".repeat(Math.max(0, size - Buffer.byteLength(body)));
  };
  const create = "catalog.products.create";
  const { maxBatchSize, maxBodyBytes } = limits;
  return [
    [`a batch of exactly ${maxBatchSize}`, wire.batchQuery(pings(maxBatchSize), [])],
    [`a batch of ${maxBatchSize + 1}`, wire.batchQuery(pings(maxBatchSize + 1), [])],
    ["a 200-call batch", wire.batchQuery(pings(200), [])],
    ["a 200-call batch, signed in", wire.batchQuery(pings(200), [], bearer)],
    ["a body exactly at the limit", wire.raw("POST", create, json, padded(maxBodyBytes))],
    ["a body one byte over the limit", wire.raw("POST", create, json, padded(maxBodyBytes + 1))],
    ["a body far over the limit", wire.raw("POST", create, json, padded(maxBodyBytes * 3))],
    [
      "a batch body over the limit",
      wire.raw("POST", `${create},${create}?batch=1`, json, `{"0":${padded(maxBodyBytes)}}`),
    ],
    [
      "an oversized body for a caller who is not signed in",
      wire.raw("POST", create, { "content-type": "application/json" }, padded(maxBodyBytes * 2)),
    ],
    [
      "an oversized body for an unknown procedure",
      wire.raw("POST", "no.such.thing", json, padded(maxBodyBytes * 2)),
    ],
    [
      "a mutation sent as text/plain",
      wire.raw("POST", create, { ...bearer, "content-type": "text/plain" }, "{}"),
    ],
    [
      "a mutation sent as form data",
      wire.raw("POST", create, { ...bearer, "content-type": "application/x-www-form-urlencoded" }, "a=1"),
    ],
    ["a mutation with malformed JSON", wire.raw("POST", create, json, "{oops")],
    ["a mutation with an empty body", wire.raw("POST", create, json, "")],
    [
      "a query with malformed JSON input",
      wire.raw("GET", `health.ping?input=${encodeURIComponent("{not json")}`),
    ],
    ["an unknown procedure", wire.query("does.not.exist")],
    ["a batch with an unknown procedure", wire.batchQuery(["health.ping", "does.not.exist"], [{}])],
    ["a mutation over GET", wire.query(create, invalidProduct, bearer)],
    ["a query over POST", wire.mutation("health.ping", {}, bearer)],
  ];
}
