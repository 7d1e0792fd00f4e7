import type { CreateApiKeyInput } from "@tally/validators";
import { notFound } from "../../errors.ts";
import { inTransaction } from "../../transaction.ts";
import type { OrgContext } from "../../trpc.ts";
import { recordAudit } from "../audit/audit.service.ts";
import { newApiKeySecret } from "./api-key-secret.ts";
import { type ApiKeyView, apiKeySelect } from "./api-keys.select.ts";

const DAY_MS = 86_400_000;

/** The secret is returned here and nowhere else: only its hash is stored. */
export async function createApiKey(
  ctx: OrgContext,
  input: CreateApiKeyInput,
): Promise<{ key: ApiKeyView; secret: string }> {
  const { secret, prefix, hash } = newApiKeySecret();
  const key = await inTransaction(ctx, async (tx) => {
    const created = await tx.apiKey.create({
      data: {
        organizationId: ctx.org.id,
        createdById: ctx.user.id,
        name: input.name,
        prefix,
        hash,
        scopes: input.scopes,
        rateLimitPerMinute: input.rateLimitPerMinute,
        expiresAt: input.expiresInDays ? new Date(Date.now() + input.expiresInDays * DAY_MS) : null,
      },
      select: apiKeySelect,
    });
    await recordAudit(
      ctx,
      {
        organizationId: ctx.org.id,
        action: "api_key.created",
        targetType: "api_key",
        targetId: created.id,
        details: { name: created.name, prefix, scopes: created.scopes },
      },
      tx,
    );
    return created;
  });
  return { key, secret };
}

export function listApiKeys(ctx: OrgContext): Promise<ApiKeyView[]> {
  return ctx.db.apiKey.findMany({
    where: { organizationId: ctx.org.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: apiKeySelect,
  });
}

/** Takes effect on the next call everywhere: every call reads its key's row (api-key-caller.ts). */
export async function revokeApiKey(ctx: OrgContext, id: string): Promise<ApiKeyView> {
  return inTransaction(ctx, async (tx) => {
    const { count } = await tx.apiKey.updateMany({
      where: { id, organizationId: ctx.org.id, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    const key = await tx.apiKey.findFirst({
      where: { id, organizationId: ctx.org.id },
      select: apiKeySelect,
    });
    if (!key) throw notFound("API key", id);
    if (count)
      await recordAudit(
        ctx,
        {
          organizationId: ctx.org.id,
          action: "api_key.revoked",
          targetType: "api_key",
          targetId: id,
          details: { name: key.name, prefix: key.prefix },
        },
        tx,
      );
    return key;
  });
}

export type UsageDay = { day: string; calls: number; failed: number };
export type ApiKeyUsageView = {
  days: UsageDay[];
  byProcedure: Array<{ procedure: string; status: string; calls: number }>;
};

/** The last `days` UTC days, every day present (zero when quiet), and the totals per procedure and outcome. */
export async function apiKeyUsage(ctx: OrgContext, id: string, days: number): Promise<ApiKeyUsageView> {
  const key = await ctx.db.apiKey.findFirst({
    where: { id, organizationId: ctx.org.id },
    select: { id: true },
  });
  if (!key) throw notFound("API key", id);
  const today = new Date(new Date().toISOString().slice(0, 10));
  const since = new Date(today.getTime() - (days - 1) * DAY_MS);
  const rows = await ctx.db.apiKeyUsage.findMany({
    where: { apiKeyId: id, organizationId: ctx.org.id, day: { gte: since } },
    select: { day: true, procedure: true, status: true, calls: true },
  });
  const perDay = new Map<string, UsageDay>();
  for (let offset = 0; offset < days; offset += 1) {
    const day = new Date(since.getTime() + offset * DAY_MS).toISOString().slice(0, 10);
    perDay.set(day, { day, calls: 0, failed: 0 });
  }
  const perProcedure = new Map<string, { procedure: string; status: string; calls: number }>();
  for (const row of rows) {
    const entry = perDay.get(row.day.toISOString().slice(0, 10));
    if (entry) {
      entry.calls += row.calls;
      if (row.status !== "ok") entry.failed += row.calls;
    }
    const name = `${row.procedure} ${row.status}`;
    const total = perProcedure.get(name) ?? { procedure: row.procedure, status: row.status, calls: 0 };
    total.calls += row.calls;
    perProcedure.set(name, total);
  }
  return {
    days: [...perDay.values()],
    byProcedure: [...perProcedure.values()].sort((a, b) => b.calls - a.calls),
  };
}
