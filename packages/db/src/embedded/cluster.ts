import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chownSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { PostgresBinaries } from "./binaries.ts";
import type { ServerUser } from "./server-user.ts";

/*
 * What the embedded server keeps in the data folder:
 *   postgres/        the cluster (owned by the user the server runs as)
 *   embedded.json    how to connect: superuser, password, database (0600)
 *   postgres.log     the server's own log
 *   embedded.port    the port it last listened on, taken again at the next start
 *   start.lock       held while one process initialises or starts the server
 *   pgdata/          left by the PGlite default of earlier versions, if any
 */
export type ClusterLayout = {
  dataDir: string;
  cluster: string;
  credentials: string;
  log: string;
  lastPort: string;
  lock: string;
  legacyPglite: string;
};

export function clusterLayout(dataDir: string): ClusterLayout {
  return {
    dataDir,
    cluster: join(dataDir, "postgres"),
    credentials: join(dataDir, "embedded.json"),
    log: join(dataDir, "postgres.log"),
    lastPort: join(dataDir, "embedded.port"),
    lock: join(dataDir, "start.lock"),
    legacyPglite: join(dataDir, "pgdata"),
  };
}

export type Credentials = { user: string; password: string; database: string };

export const isInitialised = (layout: ClusterLayout) =>
  existsSync(join(layout.cluster, "PG_VERSION")) && existsSync(layout.credentials);

export function readCredentials(layout: ClusterLayout): Credentials {
  return JSON.parse(readFileSync(layout.credentials, "utf8")) as Credentials;
}

/**
 * initdb with password authentication for every connection: the port is on
 * loopback, but any local user could reach it. The password lives only in the
 * data folder, readable by its owner.
 */
export async function initialiseCluster(
  layout: ClusterLayout,
  binaries: PostgresBinaries,
  user: ServerUser | undefined,
): Promise<void> {
  rmSync(layout.cluster, { recursive: true, force: true });
  mkdirSync(layout.cluster, { recursive: true, mode: 0o700 });
  const credentials: Credentials = {
    user: "postgres",
    password: randomBytes(24).toString("base64url"),
    database: "tally",
  };
  const passwordFile = join(layout.dataDir, `.initdb-password-${process.pid}`);
  writeFileSync(passwordFile, `${credentials.password}\n`, { mode: 0o600 });
  if (user) {
    chownSync(layout.cluster, user.uid, user.gid);
    chownSync(passwordFile, user.uid, user.gid);
  }
  try {
    await run(
      binaries.initdb,
      [
        `--pgdata=${layout.cluster}`,
        `--username=${credentials.user}`,
        `--pwfile=${passwordFile}`,
        "--auth=scram-sha-256",
        "--encoding=UTF8",
        "--locale=C",
      ],
      user,
    );
  } finally {
    rmSync(passwordFile, { force: true });
  }
  writeFileSync(layout.credentials, JSON.stringify(credentials), { mode: 0o600 });
}

/**
 * Programs are called by absolute path; PG* variables of the caller's shell
 * would redirect them, so they get none, and messages come in one language.
 * (NODE_ENV only because Next.js declares it required in ProcessEnv; PostgreSQL ignores it.)
 */
const PROGRAM_ENV = { LC_ALL: "C", LANG: "C", NODE_ENV: "production" } as const;

/** Runs one of the PostgreSQL programs to completion; a failure carries its own words. */
export function run(
  program: string,
  args: string[],
  user: ServerUser | undefined,
  { detached = false }: { detached?: boolean } = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      ...(user ? { uid: user.uid, gid: user.gid } : {}),
      // Its own session: a Ctrl-C in the terminal that started Tally does not reach the server.
      detached,
      stdio: ["ignore", "pipe", "pipe"],
      env: PROGRAM_ENV,
      cwd: "/",
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${program} exited with ${code}: ${output.trim()}`)),
    );
  });
}
