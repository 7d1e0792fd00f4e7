import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTallyClient } from "@tally/client";
import { openDatabase, seedDemo } from "@tally/db";
import { createTestDatabase, type TestDatabase } from "@tally/db/testing";
import { afterAll, beforeAll, expect, test } from "vitest";
import { catalogScenario } from "./catalog.scenario.ts";
import { type Host, startServer, startWeb } from "./hosts.ts";

// Both hosts share one database: PostgreSQL (postgres project) or one embedded
// data folder, owned by the server and reached by `next start` as a guest.
let server: Host;
let web: Host;
let database: TestDatabase | undefined;
let dataDir: string | undefined;

beforeAll(async () => {
  let env: Record<string, string>;
  if (process.env.TEST_DATABASE_URL) {
    database = await createTestDatabase();
    await seedDemo(database.prisma);
    env = { DATABASE_URL: database.url ?? "" };
  } else {
    dataDir = mkdtempSync(join(tmpdir(), "tally-contract-"));
    env = { TALLY_DATA_DIR: dataDir, DATABASE_URL: "" };
  }
  server = await startServer(env);
  web = await startWeb(env);
  if (dataDir) {
    const guest = await openDatabase({ kind: "embedded", dataDir });
    await seedDemo(guest.prisma);
    await guest.close();
  }
});

afterAll(async () => {
  await web?.stop();
  await server?.stop();
  await database?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test("the same catalog scenario gives identical results through Next.js and through the standalone server", async () => {
  const viaWeb = await catalogScenario(createTallyClient({ url: web.trpcUrl }), "WEB");
  const viaServer = await catalogScenario(createTallyClient({ url: server.trpcUrl }), "SRV");
  expect(viaServer).toEqual(viaWeb);
  // A sanity check that the transcript is about something.
  expect(viaWeb).toMatchObject({
    "duplicate SKU": { error: { code: "CONFLICT", httpStatus: 409 } },
    "invalid create": { error: { code: "BAD_REQUEST", httpStatus: 400 } },
    "stale update": { error: { code: "CONFLICT" } },
    "missing product": { error: { code: "NOT_FOUND", httpStatus: 404 } },
  });
});

test("both hosts read and write the same data", async () => {
  const viaServer = createTallyClient({ url: server.trpcUrl });
  const viaWeb = createTallyClient({ url: web.trpcUrl });
  const created = await viaServer.catalog.products.create.mutate({
    sku: "SHARED-1",
    name: "Made on the server",
    priceMinor: 100,
    currency: "USD",
  });
  await expect(viaWeb.catalog.products.get.query({ id: created.id })).resolves.toEqual(created);
  const demo = await viaWeb.catalog.products.list.query({ limit: 100 });
  expect(demo.items.length).toBeGreaterThanOrEqual(12);
});
