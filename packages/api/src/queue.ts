import type { Queue } from "@tally/jobs";
import { TRPCError } from "@trpc/server";
import type { Context } from "./trpc.ts";

/** The host's job queue, for work enqueued in the caller's transaction. */
export function queueOf(ctx: Pick<Context, "queue">): Queue {
  if (ctx.queue) return ctx.queue;
  // A host wired without the queue: a deployment mistake, not the caller's.
  throw new TRPCError({
    code: "INTERNAL_SERVER_ERROR",
    message: "Background work is unavailable: this host has no job queue",
  });
}
