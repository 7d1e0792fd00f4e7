import type { AnyTRPCProcedure, AnyTRPCRouter, TRPCProcedureType } from "@trpc/server";
import { TRPCError } from "@trpc/server";

/**
 * The procedure behind each path (null: none), or null for the whole request
 * when it belongs to the official adapter: a subscription (served as a stream),
 * or a path inside a lazy router that has not loaded yet (the adapter loads it,
 * and from then on the lane finds it).
 */
export function findProcedures(
  router: AnyTRPCRouter,
  paths: string[],
): Array<AnyTRPCProcedure | null> | null {
  // A flat record keyed by dotted path, created without a prototype.
  const record: Record<string, unknown> = router._def.procedures;
  const hasLazyRouters = Object.keys(router._def.lazy).length > 0;
  const procedures: Array<AnyTRPCProcedure | null> = [];
  for (const path of paths) {
    const procedure = record[path];
    if (!isProcedure(procedure)) {
      if (hasLazyRouters) return null;
      procedures.push(null);
    } else if (procedure._def.type === "subscription") return null;
    else procedures.push(procedure);
  }
  return procedures;
}

/** The request's procedure type; tRPC refuses a batch that mixes queries and mutations. */
export function callType(procedures: Array<AnyTRPCProcedure | null>): TRPCProcedureType | "unknown" {
  const types = new Set<TRPCProcedureType>();
  for (const procedure of procedures) if (procedure) types.add(procedure._def.type);
  if (types.size > 1)
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: `Cannot mix procedure types in call: ${Array.from(types).join(", ")}`,
    });
  return types.values().next().value ?? "unknown";
}

function isProcedure(value: unknown): value is AnyTRPCProcedure {
  return typeof value === "function" && "_def" in value;
}
