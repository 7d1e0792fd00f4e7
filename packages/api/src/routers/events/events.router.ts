import { eventsSubscriptionInput } from "@tally/validators";
import type { TRPCRouterRecord } from "@trpc/server";
import { streamEvents } from "../../events/events.stream.ts";
import { orgProcedure } from "../../trpc.ts";

export const eventsRouter = {
  /** The organisation's domain events as they commit, resumable by event id (docs/decisions/014). */
  onChange: orgProcedure
    .input(eventsSubscriptionInput)
    .subscription(({ ctx, input, signal }) => streamEvents(ctx, input, signal)),
} satisfies TRPCRouterRecord;
