import { sessionIdInput } from "@tally/validators";
import type { TRPCRouterRecord } from "@trpc/server";
import { authedProcedure } from "../../trpc.ts";
import { describeMe } from "./account.service.ts";
import { listMySessions, revokeMyOtherSessions, revokeMySession } from "./sessions.service.ts";

export const accountRouter = {
  me: authedProcedure.query(({ ctx }) => describeMe(ctx)),
  sessions: {
    list: authedProcedure.query(({ ctx }) => listMySessions(ctx)),
    revoke: authedProcedure
      .input(sessionIdInput)
      .mutation(({ ctx, input }) => revokeMySession(ctx, input.sessionId)),
    revokeOthers: authedProcedure.mutation(({ ctx }) => revokeMyOtherSessions(ctx)),
  },
} satisfies TRPCRouterRecord;
