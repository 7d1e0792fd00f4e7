/**
 * Every procedure of the appRouter, fed inputs generated from its zod input
 * schema (testing/fuzz-inputs.ts): shapes the schema accepts, the same naming
 * real records of the first organisation, the same broken one field at a
 * time, and junk. Each is called as that organisation's owner and as the
 * owner of another organisation. Never an INTERNAL_SERVER_ERROR or an error
 * that is not a TRPCError; only codes a client can act on; after every
 * refusal the database is exactly as it was; and the other organisation's
 * calls, refused or not, leave the first one's rows untouched.
 *
 * FUZZ_RUNS (default 12) sets the inputs per procedure and caller; a failure
 * prints the seed and the shrunk input that fast-check replays with FUZZ_SEED.
 */
import { randomBytes } from "node:crypto";
import { type AnyTRPCProcedure, TRPCError } from "@trpc/server";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { z } from "zod";
import { appRouter } from "./root.ts";
import { fuzzInputs } from "./testing/fuzz-inputs.ts";
import { createTestApi, type TestApi, type TestOrganisation } from "./testing/index.ts";

const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 20261201;

/** What a refusal may say: each names something the caller can act on. */
const EXPECTED_CODES = new Set([
  "BAD_REQUEST",
  "UNAUTHORIZED",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
  "PRECONDITION_FAILED",
  "PAYLOAD_TOO_LARGE",
  "UNPROCESSABLE_CONTENT",
  "TOO_MANY_REQUESTS",
]);

const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, AnyTRPCProcedure>);

let api: TestApi;
let checksumSql: { all: string; tenant: string };

beforeAll(async () => {
  api = await createTestApi();
  checksumSql = await checksumQueries(api);
});
afterAll(() => api?.close());

/**
 * One query that fingerprints every table Tally owns (each row's text, in a
 * stable order) and the queue's jobs; and one over the rows of one
 * organisation, for the tables that carry organizationId.
 */
async function checksumQueries({ db }: TestApi) {
  const tables = await db.$queryRaw<Array<{ name: string; tenant: boolean }>>`
    SELECT c.relname AS name,
           EXISTS (SELECT 1 FROM pg_attribute a
                   WHERE a.attrelid = c.oid AND a.attname = 'organizationId' AND NOT a.attisdropped) AS tenant
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> '_prisma_migrations'
    ORDER BY c.relname`;
  const fingerprint = (name: string, where = "") =>
    `SELECT '${name}' AS name, count(*)::int AS rows, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS sum FROM "${name}" t ${where}`;
  const jobs = `SELECT 'pgboss.job' AS name, count(*)::int AS rows, md5(coalesce(string_agg(j.id::text || j.name || j.data::text, '|' ORDER BY j.id), '')) AS sum FROM pgboss.job j WHERE j.name NOT LIKE '\\_\\_%'`;
  return {
    all: [...tables.map(({ name }) => fingerprint(name)), jobs].join(" UNION ALL "),
    tenant: tables
      .filter(({ tenant }) => tenant)
      .map(({ name }) => fingerprint(name, `WHERE t."organizationId" = $1`))
      .join(" UNION ALL "),
  };
}

const snapshot = () => api.db.$queryRawUnsafe<unknown[]>(checksumSql.all);
const tenantSnapshot = (organizationId: string) =>
  api.db.$queryRawUnsafe<unknown[]>(checksumSql.tenant, organizationId);

const unique = () => randomBytes(4).toString("hex");

/** An organisation with one of everything, so generated inputs can name real records. */
type Furnished = { org: TestOrganisation; ids: string[] };

async function furnishedOrganisation(name: string): Promise<Furnished> {
  const org = await api.organisation(name);
  const { caller } = org;
  const member = await org.join("member");
  const product = await caller.catalog.products.create({
    sku: `F-${unique()}`,
    name: "Fuzzed product",
    priceMinor: 1250,
    currency: "USD",
    stock: 50,
  });
  const customer = await caller.customers.create({ name: `Customer ${unique()}` });
  const draft = await caller.orders.create({ customerId: customer.id });
  const withLine = await caller.orders.addItem({
    orderId: draft.id,
    version: draft.version,
    productId: product.id,
    quantity: 2,
  });
  const toPlace = await caller.orders.create({ customerId: customer.id });
  const placeable = await caller.orders.addItem({
    orderId: toPlace.id,
    version: toPlace.version,
    productId: product.id,
    quantity: 1,
  });
  const placed = await caller.orders.place({ orderId: placeable.id });
  const invoice = await caller.invoices.issue({ orderId: placed.id });
  const invitation = await caller.org.invitations.create({
    email: `invitee-${unique()}@example.test`,
    role: "member",
  });
  const report = await caller.reports.create({
    kind: "sales",
    from: new Date("2026-01-01T00:00:00Z"),
    to: new Date("2026-02-01T00:00:00Z"),
    groupBy: "product",
  });
  const lineIds = withLine.lines.map((line) => line.id);
  return {
    org,
    ids: [
      org.id,
      member.memberId,
      member.id,
      product.id,
      customer.id,
      draft.id,
      ...lineIds,
      placed.id,
      invoice.id,
      invitation.id,
      report.id,
    ],
  };
}

type Outcome = { ok: true } | { ok: false; code: string; message: string };

async function call(caller: TestOrganisation["caller"], path: string, input: unknown): Promise<Outcome> {
  const procedure = path
    .split(".")
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
  try {
    await (procedure as (input: unknown) => Promise<unknown>)(input);
    return { ok: true };
  } catch (error) {
    if (!(error instanceof TRPCError)) throw new Error(`${path} threw a non-tRPC error`, { cause: error });
    return { ok: false, code: error.code, message: error.message };
  }
}

const describeInput = (input: unknown) =>
  JSON.stringify(input, (_key, value) =>
    typeof value === "string" && value.length > 80 ? `${value.slice(0, 80)}…` : value,
  );

/**
 * Procedures whose success changes the caller's own session or membership:
 * after one of them the next procedure gets a fresh pair of organisations.
 * The others share one pair, whatever state their calls leave it in.
 */
const CHANGES_THE_CALLER = new Set([
  "account.sessions.revoke",
  "account.sessions.revokeOthers",
  "org.create",
  "org.setActive",
  "org.members.updateRole",
  "org.members.remove",
  "org.invitations.accept",
]);
let shared: { acme: Furnished; rival: Furnished } | undefined;

async function fixtureFor(path: string) {
  shared ??= {
    acme: await furnishedOrganisation(`Acme ${unique()}`),
    rival: await furnishedOrganisation(`Rival ${unique()}`),
  };
  const fixture = shared;
  if (CHANGES_THE_CALLER.has(path)) shared = undefined;
  return fixture;
}

describe.each(procedures)("%s", (path, procedure) => {
  const schema = (procedure._def as unknown as { inputs: z.ZodType[] }).inputs[0];

  test("generated inputs: only expected codes, and a refusal changes nothing", async () => {
    const { acme, rival } = await fixtureFor(path);
    const callers = { owner: acme.org.caller, outsider: rival.org.caller };
    const outcomes: Record<string, number> = {};

    await fc.assert(
      fc.asyncProperty(
        fuzzInputs(schema, () => acme.ids),
        fc.constantFrom("owner", "outsider"),
        async (generated, actor) => {
          const before = await snapshot();
          const acmeBefore = actor === "outsider" ? await tenantSnapshot(acme.org.id) : null;
          const outcome = await call(callers[actor as keyof typeof callers], path, generated.input);
          const label = `${actor} ${generated.kind} ${describeInput(generated.input)}`;
          outcomes[outcome.ok ? "ok" : outcome.code] = (outcomes[outcome.ok ? "ok" : outcome.code] ?? 0) + 1;

          if (!outcome.ok) {
            expect(EXPECTED_CODES.has(outcome.code), `${label} → ${outcome.code}: ${outcome.message}`).toBe(
              true,
            );
            expect(await snapshot(), `${label} → ${outcome.code} changed the database`).toEqual(before);
          }
          if (acmeBefore)
            expect(await tenantSnapshot(acme.org.id), `${label} touched the other organisation`).toEqual(
              acmeBefore,
            );
          if (generated.kind === "junk" && schema && outcome.ok) {
            // Junk that a schema accepts must be something the schema would accept anyway.
            expect(schema.safeParse(generated.input).success, label).toBe(true);
          }
        },
      ),
      { numRuns: RUNS * 2, seed: SEED, endOnFailure: true },
    );
    // The fuzz reached the rules, not only the schema: some call got past validation.
    const pastValidation = Object.entries(outcomes).filter(([code]) => code !== "BAD_REQUEST");
    expect(pastValidation.length, JSON.stringify(outcomes)).toBeGreaterThan(0);
  });
});

test("every procedure is fuzzed", () => {
  expect(procedures.length).toBeGreaterThanOrEqual(40);
});
