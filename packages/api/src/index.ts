import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "./root.ts";

export { defaultRulesConfig, type RulesConfig, rulesConfigFromEnv } from "./config.ts";
export { formatError } from "./errors.ts";
export * from "./http/index.ts";
export { type Logger, logger } from "./logger.ts";
export { type AppRouter, appRouter, createCaller } from "./root.ts";
export { serializeOutput } from "./transformer.ts";
export { type Access, type Context, createContext, createContextInner, type Meta } from "./trpc.ts";

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
