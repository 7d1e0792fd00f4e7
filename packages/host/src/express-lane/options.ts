import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import type { AnyTRPCRouter, inferRouterContext } from "@trpc/server";
import type { NodeHTTPCreateContextFnOptions } from "@trpc/server/adapters/node-http";
import type { CreateHTTPHandlerOptions } from "@trpc/server/adapters/standalone";
import type { HTTPErrorHandler } from "@trpc/server/http";
import type { TrpcLimits } from "../limits/limits-config.ts";

export type { TrpcLimits };

/** The same signature tRPC's Node adapters call, so one function serves both paths. */
export type NodeCreateContext<TRouter extends AnyTRPCRouter> = (
  opts: NodeHTTPCreateContextFnOptions<IncomingMessage, ServerResponse>,
) => inferRouterContext<TRouter> | Promise<inferRouterContext<TRouter>>;

export type NodeErrorHandler<TRouter extends AnyTRPCRouter> = HTTPErrorHandler<TRouter, IncomingMessage>;

/**
 * Options of tRPC's standalone adapter besides the ones above. The lane honours
 * `allowBatching` (and its deprecated form `batching`), `allowMethodOverride`
 * and `responseMeta` (status and headers, as the adapter sets them); it
 * refuses, when it is built, `middleware` (see unsupported-options.ts), so it
 * never answers differently from the adapter.
 */
export type TrpcAdapterOptions<TRouter extends AnyTRPCRouter> = Pick<
  CreateHTTPHandlerOptions<TRouter>,
  "allowBatching" | "batching" | "allowMethodOverride" | "responseMeta" | "middleware"
>;

export type ExpressLaneOptions<TRouter extends AnyTRPCRouter> = TrpcAdapterOptions<TRouter> & {
  router: TRouter;
  /** The prefix in front of procedure paths, with both slashes: `/trpc/`. */
  basePath: string;
  createContext: NodeCreateContext<TRouter>;
  onError?: NodeErrorHandler<TRouter>;
  limits: TrpcLimits;
  /** Serves every request the lane does not: tRPC's official Node handler, configured identically. */
  fallback: RequestListener;
};
