import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { createAuth } from "@tally/auth";
import { seedDemoWithUsers } from "@tally/auth/seed";
import { openDatabase } from "@tally/db";
import { stopEmbeddedServer } from "@tally/db/embedded";
import { DEMO_PASSWORD } from "@tally/db/seed";
import { expectNoSecretsIn, rememberSecret, rememberSecretsOf } from "@tally/host/testing";
import { freePort, waitUntilAnswering } from "./host-process.ts";

export type ApiServer = { origin: string; output: string[]; stop(): Promise<void> };

/**
 * `apps/server` from its build output, as production runs it, on a fresh
 * embedded database seeded with the demo organisation. `trustedOrigins` are
 * the browser origins allowed to sign in (TALLY_TRUSTED_ORIGINS).
 */
export async function startApiServer({ trustedOrigins }: { trustedOrigins: string[] }): Promise<ApiServer> {
  const serverDir = dirname(createRequire(import.meta.url).resolve("@tally/server/package.json"));
  const dataDir = mkdtempSync(join(tmpdir(), "tally-mobile-e2e-"));
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: "test" as const, // Expo's types (apps/mobile runs this helper) narrow NODE_ENV
    // Every call's line, so the secret scan on stop sees what a production log would hold.
    LOG_LEVEL: "info",
    HOST: "127.0.0.1",
    PORT: String(port),
    TALLY_DATA_DIR: dataDir,
    BETTER_AUTH_URL: origin,
    BETTER_AUTH_SECRET: "mobile-e2e-secret-0123456789abcdefghijklmnop",
    TALLY_TRUSTED_ORIGINS: trustedOrigins.join(","),
  };
  rememberSecretsOf(env);
  // The clients sign in as the seeded demo users.
  rememberSecret("password", DEMO_PASSWORD);
  const child: ChildProcess = spawn(process.execPath, ["dist/index.js"], {
    cwd: serverDir,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  child.stdout?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      await Promise.race([once(child, "exit"), sleep(10_000).then(() => child.kill("SIGKILL"))]);
    }
    await stopEmbeddedServer(dataDir);
    rmSync(dataDir, { recursive: true, force: true });
    expectNoSecretsIn(output.join(""), "apps/server");
  };
  try {
    await waitUntilAnswering(`${origin}/trpc/health.check`, child, output, 60_000);
    // The server started the embedded database; this process connects to the same one to seed it.
    const seeding = await openDatabase({ kind: "embedded", dataDir });
    try {
      await seedDemoWithUsers(seeding.prisma, createAuth({ prisma: seeding.prisma }));
    } finally {
      await seeding.close();
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { origin, output, stop };
}
