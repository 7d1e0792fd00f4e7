import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { deployMigrations } from "../migrate/index.ts";

/**
 * PGlite is single-process: two processes opening one data folder corrupt it.
 * The first process to open the folder becomes its owner and serves it on a
 * loopback port over the Postgres wire protocol; later processes find the
 * port in `owner.json` and connect as ordinary Postgres clients. The owner
 * connects through the same socket, so every transaction goes through the
 * one queue that keeps transactions from interleaving (docs/decisions/001).
 */
type OwnerRecord = { pid: number; port?: number };

export type EmbeddedEndpoint = {
  url: string;
  role: "owner" | "guest";
  /** Stops serving and closes the database (owner); a guest has nothing to release. */
  release(): Promise<void>;
};

const WAIT_FOR_OWNER_MS = 60_000;

export async function acquireEmbedded(dataDir: string): Promise<EmbeddedEndpoint> {
  mkdirSync(dataDir, { recursive: true });
  const ownerFile = join(dataDir, "owner.json");
  const deadline = Date.now() + WAIT_FOR_OWNER_MS;

  while (Date.now() < deadline) {
    if (tryClaim(ownerFile)) return serveAsOwner(dataDir, ownerFile);
    const owner = readOwner(ownerFile);
    if (owner && !isAlive(owner.pid)) {
      rmSync(ownerFile, { force: true });
      continue;
    }
    if (!owner && fileAgeMs(ownerFile) > 5_000) {
      rmSync(ownerFile, { force: true }); // a claim whose process died before writing it
      continue;
    }
    if (owner?.port) return { url: urlFor(owner.port), role: "guest", release: async () => {} };
    await sleep(100); // the owner is still migrating
  }
  throw new Error(
    `The embedded database in ${dataDir} is held by another process that never started serving it.`,
  );
}

function tryClaim(ownerFile: string): boolean {
  try {
    const fd = openSync(ownerFile, "wx");
    writeFileSync(fd, JSON.stringify({ pid: process.pid } satisfies OwnerRecord));
    closeSync(fd);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}

async function serveAsOwner(dataDir: string, ownerFile: string): Promise<EmbeddedEndpoint> {
  let db: PGlite | undefined;
  let server: PGLiteSocketServer | undefined;
  try {
    db = await PGlite.create(join(dataDir, "pgdata"));
    await deployMigrations({ kind: "pglite", db });
    server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: 0, maxConnections: 64 });
    await server.start();
    const port = Number(server.getServerConn().split(":").at(-1));
    writeAtomically(ownerFile, { pid: process.pid, port });
    const owned = { db, server };
    return {
      url: urlFor(port),
      role: "owner",
      async release() {
        if (readOwner(ownerFile)?.pid === process.pid) rmSync(ownerFile, { force: true });
        await owned.server.stop();
        await owned.db.close();
      },
    };
  } catch (error) {
    await server?.stop().catch(() => {});
    await db?.close().catch(() => {});
    rmSync(ownerFile, { force: true });
    throw error;
  }
}

function urlFor(port: number) {
  return `postgresql://postgres@127.0.0.1:${port}/postgres?sslmode=disable`;
}

function readOwner(ownerFile: string): OwnerRecord | undefined {
  try {
    const record = JSON.parse(readFileSync(ownerFile, "utf8")) as Partial<OwnerRecord>;
    return typeof record.pid === "number" ? (record as OwnerRecord) : undefined;
  } catch {
    return undefined;
  }
}

function writeAtomically(file: string, record: OwnerRecord) {
  writeFileSync(`${file}.tmp`, JSON.stringify(record));
  renameSync(`${file}.tmp`, file);
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function fileAgeMs(file: string) {
  try {
    return Date.now() - statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}
