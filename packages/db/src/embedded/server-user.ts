import { chmodSync, readFileSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";

/** The unprivileged account the server runs as when Tally runs as root. */
export type ServerUser = { name: string; uid: number; gid: number };

/** PostgreSQL refuses to run as root; an account it accepts, preferring one named for it. */
const CANDIDATES = ["postgres", "nobody"];

/** undefined when this process is not root: the server then runs as the current user. */
export function serverUser(
  uid = process.getuid?.(),
  passwd = () => readFileSync("/etc/passwd", "utf8"),
): ServerUser | undefined {
  if (uid !== 0) return undefined;
  const accounts = new Map(
    passwd()
      .split("\n")
      .map((line) => line.split(":"))
      .filter((fields) => fields.length >= 4)
      .map(([name, , id, group]) => [name, { name: name ?? "", uid: Number(id), gid: Number(group) }]),
  );
  for (const name of CANDIDATES) {
    const account = accounts.get(name);
    if (account && account.uid !== 0) return account;
  }
  throw new Error(
    `PostgreSQL cannot run as root and there is no "postgres" or "nobody" account to run it as: create one, or set DATABASE_URL`,
  );
}

/**
 * The server's account must be able to enter the data folder and every folder
 * above it. The data folder is Tally's own, so it is opened for traversal (not
 * for reading); a parent that shuts the account out is named, not changed.
 */
export function ensureReachable(dataDir: string, user: ServerUser): void {
  chmodSync(dataDir, statSync(dataDir).mode | 0o011);
  for (let dir = dirname(resolve(dataDir)); ; dir = dirname(dir)) {
    const { mode, uid, gid } = statSync(dir);
    const enterable = uid === user.uid ? mode & 0o100 : gid === user.gid ? mode & 0o010 : mode & 0o001;
    if (!enterable)
      throw new Error(
        `PostgreSQL runs as "${user.name}" (it refuses root), which cannot enter ${dir}: set TALLY_DATA_DIR to a folder outside it, e.g. /var/tmp/tally`,
      );
    if (dir === dirname(dir)) return;
  }
}
