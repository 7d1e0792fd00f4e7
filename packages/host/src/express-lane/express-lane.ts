import type { RequestListener } from "node:http";
import type { AnyTRPCRouter } from "@trpc/server";
import type { ExpressLaneOptions } from "./options.ts";
import { readPlainRequest } from "./plain-request.ts";
import { findProcedures } from "./procedures.ts";
import { resolveCalls } from "./resolve-calls.ts";
import { refuseUnsupportedOptions } from "./unsupported-options.ts";
import { writeResponse, writeUnexpectedFailure } from "./write-response.ts";

/**
 * A request listener for `basePath` that serves plain tRPC calls (queries over
 * GET, mutations over POST, single or batched, JSON) itself, and hands
 * everything else to `fallback`, tRPC's official adapter. Both call the same
 * createContext, procedures, middlewares and onError, and answer alike; the
 * differential test (./differential) holds the lane to that. An adapter option
 * the lane does not honour is refused here, with an error naming it.
 */
export function createExpressLane<TRouter extends AnyTRPCRouter>(
  options: ExpressLaneOptions<TRouter>,
): RequestListener {
  refuseUnsupportedOptions(options);
  const { router, basePath, fallback } = options;
  // The adapter refuses every batch then; it says so in its own words.
  const allowBatching = options.allowBatching ?? options.batching?.enabled ?? true;
  return (req, res) => {
    const plain = readPlainRequest(req, basePath);
    if (!plain || (plain.isBatchCall && !allowBatching)) return fallback(req, res);
    const procedures = findProcedures(router, plain.paths);
    if (!procedures) return fallback(req, res);

    // Procedures get a signal that aborts if the client leaves before the answer.
    const abort = new AbortController();
    res.once("close", () => {
      if (!res.writableFinished) abort.abort();
    });
    resolveCalls(options, req, res, plain, procedures, abort.signal).then(
      (response) => writeResponse(res, response),
      (cause: unknown) => writeUnexpectedFailure(res, cause),
    );
  };
}
