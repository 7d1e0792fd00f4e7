/**
 * Idempotent mutations, declared with `meta({ idempotent: true })` and run by
 * one middleware in the procedure ladder (trpc.ts). The decision record is
 * docs/decisions/008-idempotency.md.
 */
import { createHash } from "node:crypto";
import { Prisma } from "@tally/db";
import { idempotencyKey as keySchema } from "@tally/validators";
import { TRPCError } from "@trpc/server";
// A replay answers without calling next(); tRPC types a middleware's result by this published marker.
import { middlewareMarker } from "@trpc/server/unstable-core-do-not-import";
import superjson from "superjson";
import { z } from "zod";
import type { RulesConfig } from "./config.ts";
import type { Db, DbScope } from "./transaction.ts";

/** How long a duplicate waits for the first call with its key before it is told to come back. */
const WAIT_FOR_FIRST_MS = 15_000;
/** The wait, plus the effect's own time (the services allow it 15 s for row locks). */
const TRANSACTION_OPTIONS = { maxWait: 15_000, timeout: WAIT_FOR_FIRST_MS + 20_000 } as const;
/** A deadlock or write conflict rolled everything back, key included, so the whole call can run again. */
const ATTEMPTS = 3;
/** Expired keys of the organisation swept per first call: bounded, and never waiting on a row another call holds. */
const SWEEP_LIMIT = 50;

export type IdempotencyContext = DbScope & {
  org: { id: string };
  headers: Headers;
  config: RulesConfig;
};

/** What a tRPC middleware's `next()` resolves to; a replay makes one without calling it. */
type CallResult = { ok: true; data: unknown } | { ok: false; error: TRPCError };

const keyInInput = z.object({ idempotencyKey: keySchema.optional() });

/**
 * Runs the call at most once per (organisation, procedure path, key). The key
 * comes from the input's `idempotencyKey` or the `Idempotency-Key` header;
 * without one the call simply runs.
 *
 * With a key, the claim, the effect and the stored response are one
 * transaction: a crash anywhere leaves either nothing (a retry runs) or the
 * effect with its response (a retry replays it). A transaction-scoped
 * advisory lock on the key serialises calls that share it, so a duplicate
 * that arrives while the first is in flight waits for it, then replays what
 * it committed; if the first rolled back, the duplicate is told so rather
 * than running in its place. The same key with a different input is CONFLICT.
 */
export async function runIdempotently<Result extends CallResult>(
  ctx: IdempotencyContext,
  path: string,
  rawInput: unknown,
  /** Runs the rest of the call; in the given transaction, or as it is when given null. */
  run: (scope: DbScope | null) => Promise<Result>,
): Promise<Result | { ok: true; data: unknown; marker: typeof middlewareMarker }> {
  const key = keyOf(ctx.headers, rawInput);
  const starter = ctx.transactionStarter;
  if (!key || !starter) return run(null);
  const id = { organizationId: ctx.org.id, scope: path, key };
  const requestHash = hashInput(rawInput);

  for (let attempt = 1; ; attempt++) {
    try {
      return await starter.$transaction(async (tx) => {
        const replay = await claim(tx, id, requestHash);
        if (replay) return { ok: true as const, data: replay.data, marker: middlewareMarker };
        const result = await run({ db: tx, transactionStarter: null });
        // Throwing rolls the claim back with the effect; the caller gets the original error.
        if (!result.ok) throw result.error;
        await tx.idempotencyKey.create({
          data: {
            ...id,
            requestHash,
            response: superjson.stringify(result.data),
            expiresAt: new Date(Date.now() + ctx.config.idempotencyTtlMs),
          },
        });
        await sweepExpired(tx, id.organizationId);
        return result;
      }, TRANSACTION_OPTIONS);
    } catch (error) {
      if (attempt < ATTEMPTS && isRetriable(error)) continue;
      throw error;
    }
  }
}

type KeyId = { organizationId: string; scope: string; key: string };

function keyOf(headers: Headers, rawInput: unknown): string | undefined {
  const inInput = keyInInput.safeParse(rawInput);
  if (!inInput.success) {
    // The input parser would refuse the same key; refusing here keeps the claim from being made with it.
    const issue = inInput.error.issues.find(({ path }) => path[0] === "idempotencyKey");
    if (issue) {
      throw new TRPCError({
        code: "BAD_REQUEST",
        message: `Invalid input: idempotencyKey: ${issue.message}`,
        cause: inInput.error,
      });
    }
  } else if (inInput.data.idempotencyKey) return inInput.data.idempotencyKey;
  const header = headers.get("idempotency-key");
  if (!header) return undefined;
  const parsed = keySchema.safeParse(header);
  if (!parsed.success)
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: `Invalid Idempotency-Key header: ${parsed.error.issues[0]?.message}`,
    });
  return parsed.data;
}

/**
 * Takes the key's lock for the rest of the transaction and returns the
 * stored response to replay, or null when this call is the first (an expired
 * key counts as new).
 */
async function claim(tx: Db, id: KeyId, requestHash: string): Promise<{ data: unknown } | null> {
  const lockName = JSON.stringify(["idempotency", id.organizationId, id.scope, id.key]);
  const [{ acquired } = { acquired: false }] = await tx.$queryRaw<Array<{ acquired: boolean }>>`
    SELECT pg_try_advisory_xact_lock(hashtextextended(${lockName}, 0)) AS "acquired"`;
  if (!acquired) await waitForFirst(tx, lockName);

  const stored = await tx.idempotencyKey.findUnique({
    where: { organizationId_scope_key: id },
    select: { requestHash: true, response: true, expiresAt: true },
  });
  if (stored && stored.expiresAt <= new Date()) {
    await tx.idempotencyKey.delete({ where: { organizationId_scope_key: id } });
    return null;
  }
  if (!stored) {
    if (acquired) return null;
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
  if (stored.response === null) {
    // Only rows written before responses were stored with their effect have none.
    throw new TRPCError({ code: "CONFLICT", message: "This idempotency key has no response to replay" });
  }
  // Stored as superjson's string; rows from before that hold its JSON object.
  const serialized = typeof stored.response === "string" ? stored.response : JSON.stringify(stored.response);
  return { data: superjson.parse(serialized) };
}

/** Blocks on the first call's lock: it is released the moment that call commits or rolls back. */
async function waitForFirst(tx: Db, lockName: string) {
  await tx.$executeRawUnsafe(`SET LOCAL lock_timeout = ${WAIT_FOR_FIRST_MS}`);
  try {
    await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtextextended(${lockName}, 0))::text`;
  } catch (error) {
    if (!isLockTimeout(error)) throw error;
    throw new TRPCError({
      code: "CONFLICT",
      message: "A request with this idempotency key is still in progress; retry it later",
    });
  }
}

function sweepExpired(tx: Db, organizationId: string) {
  return tx.$executeRaw`
    DELETE FROM "idempotency_key" WHERE ctid IN (
      SELECT ctid FROM "idempotency_key"
      WHERE "organizationId" = ${organizationId} AND "expiresAt" < now()
      LIMIT ${SWEEP_LIMIT} FOR UPDATE SKIP LOCKED)`;
}

/** P2034: PostgreSQL reported a deadlock or a serialization failure (40P01, 40001). */
function isRetriable(error: unknown): boolean {
  const cause = error instanceof TRPCError ? error.cause : error;
  return cause instanceof Prisma.PrismaClientKnownRequestError && cause.code === "P2034";
}

function isLockTimeout(error: unknown): boolean {
  return error instanceof Error && /55P03|lock timeout/i.test(`${error.message} ${JSON.stringify(error)}`);
}

/** The input as sent, without its key, with object keys sorted so field order does not matter. */
function hashInput(rawInput: unknown): string {
  const rest =
    rawInput && typeof rawInput === "object" && !Array.isArray(rawInput)
      ? Object.fromEntries(Object.entries(rawInput).filter(([name]) => name !== "idempotencyKey"))
      : rawInput;
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
  return JSON.stringify(value) ?? "null";
}
