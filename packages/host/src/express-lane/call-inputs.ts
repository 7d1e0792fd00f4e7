import type { AnyTRPCRouter } from "@trpc/server";
import { TRPCError } from "@trpc/server";
import type { BodyResult } from "./request-body.ts";

/** Raw inputs by batch index, deserialised by the router's transformer. */
export type CallInputs = Record<number, unknown>;

export type InputSource =
  | { method: "GET"; query: URLSearchParams }
  | { method: "POST"; body: Promise<BodyResult> };

export type InputReader = {
  /** Reads and deserialises every call's input, once; each failure is the same TRPCError. */
  read(): Promise<CallInputs>;
  /** The inputs if something has read them already (what `onError` and the error formatter see). */
  result(): CallInputs | undefined;
};

// Like `TextDecoder` in fetch's `Request.json()`: a leading byte-order mark is dropped.
const utf8 = new TextDecoder();

/**
 * tRPC's JSON content handler, step for step: inputs are parsed lazily, on the
 * first `getRawInput`, so a call refused before it reads its input (no such
 * procedure, no permission) reports that instead of a malformed body. A query
 * string is parsed on the spot; only a body has to be waited for.
 */
export function createInputReader(
  router: AnyTRPCRouter,
  source: InputSource,
  batchSize: number | null,
): InputReader {
  const { transformer } = router._def._config;
  let value: CallInputs | undefined;
  let failure: TRPCError | undefined;
  let pendingBody: Promise<CallInputs> | undefined;

  function byIndex(inputs: unknown): CallInputs {
    const result: CallInputs = Object.create(null);
    if (inputs === undefined) return result;
    if (batchSize === null) {
      result[0] = transformer.input.deserialize(inputs);
      return result;
    }
    if (!isObject(inputs))
      throw new TRPCError({
        code: "BAD_REQUEST",
        message: '"input" needs to be an object when doing a batch call',
      });
    for (let index = 0; index < batchSize; index++) {
      const input = inputs[index];
      if (input !== undefined) result[index] = transformer.input.deserialize(input);
    }
    return result;
  }

  /** Every later read gets the same inputs, or the same error. */
  function settle(parse: () => CallInputs): CallInputs {
    try {
      value = parse();
      return value;
    } catch (cause) {
      failure =
        cause instanceof TRPCError
          ? cause
          : new TRPCError({
              code: "BAD_REQUEST",
              message: cause instanceof Error ? cause.message : "Invalid input",
              cause,
            });
      throw failure;
    }
  }

  return {
    read() {
      if (value !== undefined) return Promise.resolve(value);
      if (failure) return Promise.reject(failure);
      if (source.method === "GET") {
        const { query } = source;
        try {
          return Promise.resolve(settle(() => byIndex(parseQueryInput(query))));
        } catch (error) {
          return Promise.reject(error);
        }
      }
      pendingBody ??= source.body.then((body) =>
        settle(() => {
          if (body instanceof Error) throw body;
          return byIndex(JSON.parse(utf8.decode(body)));
        }),
      );
      return pendingBody;
    },
    result: () => value,
  };
}

function parseQueryInput(query: URLSearchParams): unknown {
  const input = query.get("input");
  return input ? JSON.parse(input) : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && !Array.isArray(value) && typeof value === "object";
}
