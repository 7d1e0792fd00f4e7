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

/*
 * PGlite is single-process: a second process opening the folder would corrupt
 * it. Whoever opens `<dataDir>/pgdata` first records itself in
 * `<dataDir>/owner.json` (created with O_EXCL, so exactly one process wins);
 * an owner that serves the database adds the port it listens on.
 */
export type OwnerRecord = { pid: number; port?: number };

export const pgdataDir = (dataDir: string) => join(dataDir, "pgdata");
const ownerFile = (dataDir: string) => join(dataDir, "owner.json");

/** True when this process now owns the folder. */
export function tryClaim(dataDir: string): boolean {
  mkdirSync(dataDir, { recursive: true });
  try {
    const fd = openSync(ownerFile(dataDir), "wx");
    writeFileSync(fd, JSON.stringify({ pid: process.pid } satisfies OwnerRecord));
    closeSync(fd);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}

/** The current owner, or undefined when there is none (a dead owner's claim is cleared). */
export function currentOwner(dataDir: string): OwnerRecord | undefined {
  const file = ownerFile(dataDir);
  const owner = readOwner(file);
  // No pid yet means a claim being written; older than a few seconds, its writer died.
  const abandoned = owner ? !isAlive(owner.pid) : ageMs(file) > 5_000;
  if (abandoned) rmSync(file, { force: true });
  return abandoned ? undefined : owner;
}

export function announcePort(dataDir: string, port: number) {
  const file = ownerFile(dataDir);
  writeFileSync(`${file}.tmp`, JSON.stringify({ pid: process.pid, port } satisfies OwnerRecord));
  renameSync(`${file}.tmp`, file);
}

export function releaseClaim(dataDir: string) {
  if (readOwner(ownerFile(dataDir))?.pid === process.pid) rmSync(ownerFile(dataDir), { force: true });
}

function readOwner(file: string): OwnerRecord | undefined {
  try {
    const record = JSON.parse(readFileSync(file, "utf8")) as Partial<OwnerRecord>;
    return typeof record.pid === "number"
      ? { pid: record.pid, ...(record.port ? { port: record.port } : {}) }
      : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function ageMs(file: string) {
  try {
    return Date.now() - statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}
