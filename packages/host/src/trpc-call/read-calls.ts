import { TRPCError } from "@trpc/server";

/**
 * tRPC's HTTP call format as its JSON content handler reads it (11.x):
 * `/trpc/a.b,c.d?batch=1` calls two procedures; a single call's path is one
 * procedure, commas and all. Inputs are JSON, in `?input=` for GET and in the
 * body otherwise, keyed by position in a batch. The express lane and the
 * forwarder both read requests with these functions, so they cannot disagree
 * on which procedures a request calls or with what. Each returns a primitive or
 * what the caller needs anyway: the lane calls them on every request.
 */

/** Raw inputs by batch index; an absent input has no key. */
export type CallInputs = Record<number, unknown>;

export const isBatchCall = (searchParams: URLSearchParams): boolean => searchParams.get("batch") === "1";

/** The procedure paths of a request, from its path after the endpoint (already percent-decoded). */
export const callPaths = (path: string, batch: boolean): string[] => (batch ? path.split(",") : [path]);

/** A GET request's inputs as JSON, undefined without `?input=`; a malformed one throws. */
export function queryInput(searchParams: URLSearchParams): unknown {
  const input = searchParams.get("input");
  return input ? JSON.parse(input) : undefined;
}

// What fetch's `Request.json()` does: UTF-8, a leading byte-order mark dropped.
const utf8 = new TextDecoder();

/** A body's inputs as JSON; an empty or malformed body throws, as `Request.json()` does. */
export const bodyInput = (body: Uint8Array): unknown => JSON.parse(utf8.decode(body));

/** Turns one call's input as sent into what the procedure reads: a router's `transformer.input`. */
export type InputDeserializer = { deserialize(input: unknown): unknown };

const asSent: InputDeserializer = { deserialize: (input) => input };

/**
 * The inputs of each call, by index, each through `transformer` (inputs as
 * sent by default). A batch's inputs must be an object; only the first
 * `batchSize` positions count. `batchSize` null: a single call, whose input is
 * the whole value.
 */
export function inputsByIndex(
  inputs: unknown,
  batchSize: number | null,
  transformer: InputDeserializer = asSent,
): CallInputs {
  const result: CallInputs = Object.create(null);
  if (inputs === undefined) return result;
  if (batchSize === null) {
    result[0] = transformer.deserialize(inputs);
    return result;
  }
  if (!isObject(inputs))
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: '"input" needs to be an object when doing a batch call',
    });
  for (let index = 0; index < batchSize; index++) {
    const input = inputs[index];
    if (input !== undefined) result[index] = transformer.deserialize(input);
  }
  return result;
}

const JSON_LINES = "application/jsonl";

/**
 * Whether the client asks for a streamed (JSON lines) answer: `trpc-accept`
 * when sent, whatever its value, else `accept` naming `application/jsonl`.
 */
export function wantsJsonLines(trpcAccept: string | null | undefined, accept: string | null | undefined) {
  if (trpcAccept !== null && trpcAccept !== undefined) return trpcAccept === JSON_LINES;
  // Most requests never name it: only those pay for the split.
  if (!accept?.includes(JSON_LINES)) return false;
  return accept.split(",").some((type) => type.trim() === JSON_LINES);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && !Array.isArray(value) && typeof value === "object";
}
