import type { RequestListener } from "node:http";
import type { AnyTRPCRouter } from "@trpc/server";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import { closeAfterOversizedBody } from "../limits/node-limits.ts";
import { rateLimitResponseMeta } from "../limits/rate-limit-headers.ts";
import { createExpressLane } from "./express-lane.ts";
import type { ExpressLaneOptions } from "./options.ts";

export type TrpcHandlerOptions<TRouter extends AnyTRPCRouter> = Omit<
  ExpressLaneOptions<TRouter>,
  "fallback"
> & {
  /** Off: every request goes through tRPC's official adapter (`TALLY_EXPRESS_LANE=off`). */
  expressLane: boolean;
};

/**
 * tRPC over node:http: the official adapter, with the express lane in front
 * unless switched off. The limits and tRPC's adapter options are given to
 * both, so a request is refused the same way whichever path serves it; an
 * adapter option the lane does not honour makes building it throw. Unless
 * the caller brings its own `responseMeta`, answers to API keys carry their
 * rate limit (Retry-After on a 429), as REST's do.
 */
export function createTrpcHandler<TRouter extends AnyTRPCRouter>(
  options: TrpcHandlerOptions<TRouter>,
): RequestListener {
  const { expressLane, limits, ...rest } = options;
  // It reads any context structurally; the option's type is a conditional over TRouter TypeScript cannot resolve here.
  const responseMeta =
    options.responseMeta ?? (rateLimitResponseMeta as TrpcHandlerOptions<TRouter>["responseMeta"]);
  const shared = { ...rest, responseMeta };
  const official: RequestListener = createHTTPHandler({
    ...shared,
    maxBatchSize: limits.maxBatchSize,
    maxBodySize: limits.maxBodyBytes,
  });
  const handler = expressLane ? createExpressLane({ ...shared, limits, fallback: official }) : official;
  return closeAfterOversizedBody(handler, limits);
}
