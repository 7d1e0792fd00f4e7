import { apiKeyByIdInput, apiKeyUsageInput, createApiKeyInput } from "@tally/validators";
import type { TRPCRouterRecord } from "@trpc/server";
import { roleProcedure } from "../../trpc.ts";
import { apiKeyUsage, createApiKey, listApiKeys, revokeApiKey } from "./api-keys.service.ts";

/** Admins manage their organisation's keys; keys themselves cannot (no scope names these). */
export const apiKeysRouter = {
  list: roleProcedure("admin").query(({ ctx }) => listApiKeys(ctx)),
  create: roleProcedure("admin")
    .input(createApiKeyInput)
    .mutation(({ ctx, input }) => createApiKey(ctx, input)),
  revoke: roleProcedure("admin")
    .input(apiKeyByIdInput)
    .mutation(({ ctx, input }) => revokeApiKey(ctx, input.id)),
  usage: roleProcedure("admin")
    .input(apiKeyUsageInput)
    .query(({ ctx, input }) => apiKeyUsage(ctx, input.id, input.days)),
} satisfies TRPCRouterRecord;
