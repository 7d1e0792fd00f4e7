import { closeSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";

const WAIT_MS = 120_000;
/** A lock file without a pid is one being written; older than this, its writer died. */
const UNWRITTEN_MS = 5_000;

/**
 * Runs `work` while holding `path` (created with O_EXCL, so one process wins).
 * A lock whose holder has died is taken over, so a process killed while it
 * started the server does not block the next one.
 */
export async function withStartLock<T>(path: string, work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  while (!tryLock(path)) {
    if (isAbandoned(path)) rmSync(path, { force: true });
    else if (Date.now() > deadline)
      throw new Error(`${path} is held by another process that has not finished starting the database`);
    else await sleep(100);
  }
  try {
    return await work();
  } finally {
    if (holder(path) === process.pid) rmSync(path, { force: true });
  }
}

function tryLock(path: string): boolean {
  try {
    const fd = openSync(path, "wx", 0o600);
    writeFileSync(fd, String(process.pid));
    closeSync(fd);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}

function holder(path: string): number | undefined {
  try {
    const pid = Number(readFileSync(path, "utf8"));
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAbandoned(path: string): boolean {
  const pid = holder(path);
  if (pid === undefined) {
    try {
      return Date.now() - statSync(path).mtimeMs > UNWRITTEN_MS;
    } catch {
      return false; // gone already
    }
  }
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== "EPERM";
  }
}
