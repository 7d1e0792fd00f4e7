import { setTimeout as sleep } from "node:timers/promises";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { deployMigrations } from "../migrate/index.ts";
import { announcePort, currentOwner, pgdataDir, releaseClaim, tryClaim } from "./claim.ts";

/**
 * The first process to open the data folder becomes its owner and serves it on
 * a loopback port over the Postgres wire protocol; later processes connect to
 * that port as ordinary Postgres clients. The owner connects through the same
 * socket, so every transaction goes through the one queue that keeps
 * transactions from interleaving (docs/decisions/001-embedded-database.md).
 */
export type EmbeddedEndpoint = {
  url: string;
  role: "owner" | "guest";
  /** Stops serving and closes the database (owner); a guest has nothing to release. */
  release(): Promise<void>;
};

const WAIT_FOR_OWNER_MS = 60_000;

export async function acquireEmbedded(dataDir: string): Promise<EmbeddedEndpoint> {
  const deadline = Date.now() + WAIT_FOR_OWNER_MS;
  while (Date.now() < deadline) {
    if (tryClaim(dataDir)) return serveAsOwner(dataDir);
    const owner = currentOwner(dataDir);
    if (owner?.port) return { url: urlFor(owner.port), role: "guest", release: async () => {} };
    await sleep(100); // the owner is still migrating, or a migration command holds the folder
  }
  throw new Error(
    `The embedded database in ${dataDir} is held by another process that never started serving it.`,
  );
}

async function serveAsOwner(dataDir: string): Promise<EmbeddedEndpoint> {
  let db: PGlite | undefined;
  let server: PGLiteSocketServer | undefined;
  try {
    db = await PGlite.create(pgdataDir(dataDir));
    await deployMigrations({ kind: "pglite", db });
    server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: 0, maxConnections: 64 });
    await server.start();
    const port = Number(server.getServerConn().split(":").at(-1));
    announcePort(dataDir, port);
    const owned = { db, server };
    return {
      url: urlFor(port),
      role: "owner",
      async release() {
        releaseClaim(dataDir);
        await owned.server.stop();
        await owned.db.close();
      },
    };
  } catch (error) {
    await server?.stop().catch(() => {});
    await db?.close().catch(() => {});
    releaseClaim(dataDir);
    throw error;
  }
}

function urlFor(port: number) {
  return `postgresql://postgres@127.0.0.1:${port}/postgres?sslmode=disable`;
}
