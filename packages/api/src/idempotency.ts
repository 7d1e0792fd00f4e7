import { createHash } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { Prisma } from "@tally/db";
import { idempotencyKey as keySchema } from "@tally/validators";
import { TRPCError } from "@trpc/server";
import superjson, { type SuperJSONResult } from "superjson";
import { isUniqueViolation } from "./errors.ts";
import type { OrgContext } from "./trpc.ts";

/** How long a key is remembered; configurable for operators (default one day). */
const TTL_MS = Number(process.env.TALLY_IDEMPOTENCY_TTL_SECONDS ?? 86_400) * 1000;
/** How long a duplicate waits for the first call to finish before giving up. */
const WAIT_FOR_FIRST_MS = 15_000;

/**
 * Runs `effect` at most once per (organisation, scope, key). The key comes
 * from the input's `idempotencyKey` or the `Idempotency-Key` header; without
 * one the effect simply runs. A retry with the same key and input gets the
 * first result; with a different input, CONFLICT. A duplicate that arrives
 * while the first call is running waits for it and returns its result. A
 * failed call forgets its key, so it can be retried.
 */
export async function idempotently<Input extends { idempotencyKey?: string | undefined }, Result>(
  ctx: OrgContext,
  scope: string,
  input: Input,
  effect: () => Promise<Result>,
): Promise<Result> {
  const key = keyOf(ctx, input);
  if (!key) return effect();
  const id = { organizationId: ctx.org.id, scope, key };
  const requestHash = hashInput(input);

  const first = await claim(ctx, id, requestHash);
  if (!first) return replay<Result>(ctx, id, requestHash);
  try {
    const result = await effect();
    await ctx.db.idempotencyKey.update({
      where: { organizationId_scope_key: id },
      data: { response: superjson.serialize(result) as unknown as Prisma.InputJsonValue },
    });
    return result;
  } catch (error) {
    await ctx.db.idempotencyKey.delete({ where: { organizationId_scope_key: id } }).catch(() => {});
    throw error;
  }
}

type KeyId = { organizationId: string; scope: string; key: string };

function keyOf(ctx: OrgContext, input: { idempotencyKey?: string | undefined }): string | undefined {
  if (input.idempotencyKey) return input.idempotencyKey;
  const header = ctx.headers.get("idempotency-key");
  if (!header) return undefined;
  const parsed = keySchema.safeParse(header);
  if (!parsed.success)
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: `Invalid Idempotency-Key header: ${parsed.error.issues[0]?.message}`,
    });
  return parsed.data;
}

/** True when this call is the first with the key (an expired key counts as new). */
async function claim(ctx: OrgContext, id: KeyId, requestHash: string): Promise<boolean> {
  const now = new Date();
  await ctx.db.idempotencyKey.deleteMany({
    where: { organizationId: id.organizationId, expiresAt: { lt: now } },
  });
  try {
    await ctx.db.idempotencyKey.create({
      data: { ...id, requestHash, expiresAt: new Date(now.getTime() + TTL_MS) },
    });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

async function replay<Result>(ctx: OrgContext, id: KeyId, requestHash: string): Promise<Result> {
  const deadline = Date.now() + WAIT_FOR_FIRST_MS;
  for (;;) {
    const stored = await ctx.db.idempotencyKey.findUnique({ where: { organizationId_scope_key: id } });
    if (!stored) {
      throw new TRPCError({
        code: "CONFLICT",
        message: "The first request with this idempotency key failed; retry with a new key",
      });
    }
    if (stored.requestHash !== requestHash) {
      throw new TRPCError({
        code: "CONFLICT",
        message: "This idempotency key was already used with a different request",
      });
    }
    if (stored.response !== null)
      return superjson.deserialize(stored.response as unknown as SuperJSONResult) as Result;
    if (Date.now() > deadline) {
      throw new TRPCError({
        code: "CONFLICT",
        message: "A request with this idempotency key is still in progress",
      });
    }
    await sleep(50);
  }
}

/** The input without its key, with object keys sorted so field order does not matter. */
function hashInput(input: { idempotencyKey?: string | undefined }): string {
  const { idempotencyKey: _key, ...rest } = input;
  return createHash("sha256").update(stableJson(rest)).digest("hex");
}

function stableJson(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${stableJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
