export { createExpressLane } from "./express-lane.ts";
export type {
  ExpressLaneOptions,
  NodeCreateContext,
  NodeErrorHandler,
  TrpcAdapterOptions,
  TrpcLimits,
} from "./options.ts";
export { createTrpcHandler, type TrpcHandlerOptions } from "./trpc-handler.ts";
