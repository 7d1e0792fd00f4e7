import { z } from "zod";

/**
 * What either host accepts in one tRPC request. Both hosts read these from one
 * schema, so a request one refuses, the other refuses with the same answer.
 */
export type TrpcLimits = {
  /** More calls than this in one `?batch=1` request is a 400. */
  maxBatchSize: number;
  /** A request body larger than this is a 413, and the connection is closed after it. */
  maxBodyBytes: number;
};

export const limitsEnv = z.object({
  /** Enforced by every tRPC path of both hosts: more calls in one batch is a 400. */
  TRPC_MAX_BATCH_SIZE: z.coerce.number().int().min(1).max(1000).default(50),
  /** Enforced by every tRPC path of both hosts: a larger request body is a 413. */
  TRPC_MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(1024 * 1024),
});

export function limitsFrom(parsed: z.infer<typeof limitsEnv>): TrpcLimits {
  return { maxBatchSize: parsed.TRPC_MAX_BATCH_SIZE, maxBodyBytes: parsed.TRPC_MAX_BODY_BYTES };
}
