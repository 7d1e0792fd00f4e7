/**
 * apps/server dies while the web app forwards to it: forwarded calls fail
 * within the configured timeout with a clear error, in-process calls go on.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createAuth } from "@tally/auth";
import { seedDemoWithUsers } from "@tally/auth/seed";
import { createTallyClient } from "@tally/client";
import { openDatabase } from "@tally/db";
import { stopEmbeddedServer } from "@tally/db/embedded";
import { createTestDatabase, type TestDatabase } from "@tally/db/testing";
import type { TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, expect, test } from "vitest";
import { type Host, startServer, startWeb } from "./hosts.ts";
import { signIn } from "./sign-in.ts";

const TIMEOUT_MS = 1500;
let server: Host;
let web: Host;
let database: TestDatabase | undefined;
let dataDir: string | undefined;

beforeAll(async () => {
  const env: Record<string, string> = {
    BETTER_AUTH_SECRET: "server-down-test-secret-0123456789abcdef",
    TALLY_SERVICE_SECRET: "server-down-service-secret-0123456789abc",
    TALLY_FORWARD_TIMEOUT_MS: String(TIMEOUT_MS),
  };
  if (process.env.TEST_DATABASE_URL) {
    database = await createTestDatabase();
    await seedDemoWithUsers(database.prisma, createAuth({ prisma: database.prisma }));
    env.DATABASE_URL = database.url ?? "";
  } else {
    // The embedded server outlives whichever process started it, so the API server can die alone.
    dataDir = mkdtempSync(join(tmpdir(), "tally-server-down-"));
    Object.assign(env, { TALLY_DATA_DIR: dataDir, DATABASE_URL: "" });
    const seeding = await openDatabase({ kind: "embedded", dataDir });
    await seedDemoWithUsers(seeding.prisma, createAuth({ prisma: seeding.prisma }));
    await seeding.close();
  }
  // A placeholder API address, replaced once the server is up: the web app reads it at its first call.
  const serverPort = await import("node:net").then(
    ({ createServer }) =>
      new Promise<number>((resolve) => {
        const probe = createServer().listen(0, "127.0.0.1", () => {
          const { port } = probe.address() as { port: number };
          probe.close(() => resolve(port));
        });
      }),
  );
  web = await startWeb({
    ...env,
    TALLY_API_URL: `http://127.0.0.1:${serverPort}/trpc`,
    TALLY_REMOTE_ROUTERS: "catalog",
  });
  server = await startServer({ ...env, PORT: String(serverPort) });
}, 180_000);

afterAll(async () => {
  await web?.stop();
  await server?.stop();
  await database?.close();
  if (dataDir) {
    await stopEmbeddedServer(dataDir);
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test("with the server gone, forwarded calls fail fast with BAD_GATEWAY and in-process calls still answer", async () => {
  const token = await signIn(web.baseUrl, "alice@demo.tally.test");
  const client = createTallyClient({
    url: web.trpcUrl,
    headers: () => ({ authorization: `Bearer ${token}` }),
  });
  await expect(client.catalog.products.list.query()).resolves.toMatchObject({ items: expect.any(Array) });

  server.kill();
  const started = performance.now();
  const [me, products] = await Promise.allSettled([
    client.account.me.query(),
    client.catalog.products.list.query(),
  ]);
  const elapsed = performance.now() - started;

  expect(me).toMatchObject({ status: "fulfilled", value: { user: { email: "alice@demo.tally.test" } } });
  expect(products.status).toBe("rejected");
  const error = (products as PromiseRejectedResult).reason as TRPCClientError<never>;
  expect(error.data).toMatchObject({ code: "BAD_GATEWAY", httpStatus: 502 });
  expect(error.message).toBe("The API server could not be reached");
  expect(elapsed).toBeLessThan(TIMEOUT_MS);
});
