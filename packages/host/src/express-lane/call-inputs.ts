import type { AnyTRPCRouter } from "@trpc/server";
import { TRPCError } from "@trpc/server";
import { bodyInput, type CallInputs, inputsByIndex, queryInput } from "../trpc-call/index.ts";
import type { BodyResult } from "./request-body.ts";

export type { CallInputs };

export type InputSource =
  | { method: "GET"; query: URLSearchParams }
  | { method: "POST"; body: Promise<BodyResult> };

export type InputReader = {
  /** Reads and deserialises every call's input, once; each failure is the same TRPCError. */
  read(): Promise<CallInputs>;
  /** The inputs if something has read them already (what `onError` and the error formatter see). */
  result(): CallInputs | undefined;
};

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

  /** Every later read gets the same inputs, or the same error. */
  function settle(raw: () => unknown): CallInputs {
    try {
      value = inputsByIndex(raw(), batchSize, transformer.input);
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
          return Promise.resolve(settle(() => queryInput(query)));
        } catch (error) {
          return Promise.reject(error);
        }
      }
      pendingBody ??= source.body.then((body) =>
        settle(() => {
          if (body instanceof Error) throw body;
          return bodyInput(body);
        }),
      );
      return pendingBody;
    },
    result: () => value,
  };
}
