import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTallyClient } from "@tally/client";
import { stopEmbeddedServer } from "@tally/db/embedded";
import { createTestDatabase, type TestDatabase } from "@tally/db/testing";
import { afterAll, beforeAll, expect, test } from "vitest";
import { type RunningServer, spawnServer } from "./testing/spawn-server.ts";

// The bundled server, as production runs it, on this project's database engine:
// a fresh embedded data folder (embedded project: the server starts its own
// embedded PostgreSQL, as `pnpm start` does) or a PostgreSQL copy (postgres project).
let server: RunningServer;
let database: TestDatabase | undefined;
let dataDir: string | undefined;

beforeAll(async () => {
  if (process.env.TEST_DATABASE_URL) {
    database = await createTestDatabase();
    server = await spawnServer({ DATABASE_URL: database.url ?? "" });
  } else {
    dataDir = mkdtempSync(join(tmpdir(), "tally-server-"));
    server = await spawnServer({ TALLY_DATA_DIR: dataDir });
  }
}, 120_000);

afterAll(async () => {
  if (server.child.exitCode === null) await server.stop();
  await database?.close();
  if (dataDir) {
    await stopEmbeddedServer(dataDir);
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test("/health answers without touching tRPC", async () => {
  const response = await fetch(`${server.url}/health`);
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ status: "ok" });
});

test("an unknown path is a 404", async () => {
  expect((await fetch(`${server.url}/nope`)).status).toBe(404);
});

test("tRPC is served at /trpc with superjson", async () => {
  const client = createTallyClient({ url: `${server.url}/trpc` });
  const health = await client.health.check.query();
  expect(health.status).toBe("ok");
  expect(health.time).toBeInstanceOf(Date);
});

test("bad input comes back as BAD_REQUEST naming the field, without a stack", async () => {
  const input = encodeURIComponent(JSON.stringify({ json: { echo: "x".repeat(101) } }));
  const response = await fetch(`${server.url}/trpc/health.ping?input=${input}`);
  expect(response.status).toBe(400);
  const body = (await response.json()) as {
    error: { json: { message: string; data: Record<string, unknown> } };
  };
  expect(body.error.json.message).toMatch(/^Invalid input: echo: /);
  expect(body.error.json.data).toMatchObject({
    code: "BAD_REQUEST",
    inputIssues: { fieldErrors: { echo: [expect.any(String)] } },
  });
  expect(body.error.json.data).not.toHaveProperty("stack");
});

test("a signed-out call to a member procedure is UNAUTHORIZED", async () => {
  const response = await fetch(`${server.url}/trpc/catalog.products.list`);
  expect(response.status).toBe(401);
});

test("the auth handler is mounted at /api/auth", async () => {
  const response = await fetch(`${server.url}/api/auth/get-session`);
  expect(response.status).toBe(200);
  expect(await response.json()).toBeNull();
});

test("each call logs one line with its path, actor, status and duration, and no input", async () => {
  const marker = "secret-echo-value";
  const input = encodeURIComponent(JSON.stringify({ json: { echo: marker } }));
  const requestId = `log-line-${Date.now()}`;
  await fetch(`${server.url}/trpc/health.ping?input=${input}`, {
    headers: { authorization: "Bearer not-a-real-token", "x-request-id": requestId },
  });
  // The line is written after the response; on a loaded machine it can take a moment to arrive.
  const deadline = Date.now() + 5_000;
  let line: string | undefined;
  while (!line && Date.now() < deadline) {
    line = server.lines.find((entry) => entry.includes(`"requestId":"${requestId}"`));
    if (!line) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(line && JSON.parse(line)).toMatchObject({
    path: "health.ping",
    msg: "call",
    status: "ok",
    type: "query",
    actor: { type: "anonymous" },
    durationMs: expect.any(Number),
    requestId,
  });
  const everything = server.lines.join("\n");
  expect(everything).not.toContain(marker);
  expect(everything).not.toContain("not-a-real-token");
});

test("/ready says the database answers and every migration is applied", async () => {
  const response = await fetch(`${server.url}/ready`);
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ ready: true });
});

test("CORS: a listed origin may call with credentials; any other origin gets no CORS headers", async () => {
  const preflight = (origin: string) =>
    fetch(`${server.url}/trpc/account.me`, {
      method: "OPTIONS",
      headers: {
        origin,
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type",
      },
    });
  const listed = await preflight("http://127.0.0.1:3000");
  expect(listed.status).toBe(204);
  expect(listed.headers.get("access-control-allow-origin")).toBe("http://127.0.0.1:3000");
  expect(listed.headers.get("access-control-allow-credentials")).toBe("true");

  const stranger = await preflight("https://evil.example");
  expect(stranger.headers.get("access-control-allow-origin")).toBeNull();
  const read = await fetch(`${server.url}/trpc/health.ping`, { headers: { origin: "https://evil.example" } });
  expect(read.headers.get("access-control-allow-origin")).toBeNull();
});

test("SIGTERM stops the server cleanly and closes the database", async () => {
  expect(await server.stop()).toBe(0);
  expect(server.lines.join("\n")).toContain('"msg":"stopped"');
  if (dataDir) expect(existsSync(join(dataDir, "owner.json"))).toBe(false);
});
