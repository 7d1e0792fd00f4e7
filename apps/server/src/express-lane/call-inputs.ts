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
 * procedure, no permission) reports that instead of a malformed body.
 */
export function createInputReader(
  router: AnyTRPCRouter,
  source: InputSource,
  batchSize: number | null,
): InputReader {
  const { transformer } = router._def._config;
  let value: CallInputs | undefined;
  let pending: Promise<CallInputs> | null = null;

  async function parse(): Promise<CallInputs> {
    const inputs = await readJson(source);
    const byIndex: CallInputs = Object.create(null);
    if (inputs === undefined) return byIndex;
    if (batchSize === null) {
      byIndex[0] = transformer.input.deserialize(inputs);
      return byIndex;
    }
    if (!isObject(inputs))
      throw new TRPCError({
        code: "BAD_REQUEST",
        message: '"input" needs to be an object when doing a batch call',
      });
    for (let index = 0; index < batchSize; index++) {
      const input = inputs[index];
      if (input !== undefined) byIndex[index] = transformer.input.deserialize(input);
    }
    return byIndex;
  }

  return {
    async read() {
      if (value !== undefined) return value;
      pending ??= parse().catch((cause: unknown) => {
        if (cause instanceof TRPCError) throw cause;
        throw new TRPCError({
          code: "BAD_REQUEST",
          message: cause instanceof Error ? cause.message : "Invalid input",
          cause,
        });
      });
      value = await pending;
      pending = null;
      return value;
    },
    result: () => value,
  };
}

async function readJson(source: InputSource): Promise<unknown> {
  if (source.method === "GET") {
    const input = source.query.get("input");
    return input ? JSON.parse(input) : undefined;
  }
  const body = await source.body;
  if (body instanceof Error) throw body;
  return JSON.parse(utf8.decode(body));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && !Array.isArray(value) && typeof value === "object";
}
