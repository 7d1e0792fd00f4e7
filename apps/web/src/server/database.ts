import { type Database, openDatabase } from "@tally/db";

/**
 * One database per process, opened on first use: `next build` imports this
 * module without ever touching a database, and the handle lives on
 * `globalThis` so a dev-server hot reload reuses it instead of opening
 * another connection pool (and, when embedded, another claim on the folder).
 */
const processWide = globalThis as typeof globalThis & { tallyDatabase?: Promise<Database> };

export function getDatabase(): Promise<Database> {
  processWide.tallyDatabase ??= openDatabase().then(
    (database) => {
      closeOnShutdown(database);
      return database;
    },
    (error: unknown) => {
      processWide.tallyDatabase = undefined; // let the next request try again
      throw error;
    },
  );
  return processWide.tallyDatabase;
}

const EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

/**
 * The embedded database must be closed to leave its files clean and hand
 * ownership to the next process. `next start` runs with NEXT_MANUAL_SIG_HANDLE
 * so Next's own handler cannot exit the process before the close finishes.
 */
function closeOnShutdown(database: Database) {
  let closing = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      if (closing) return;
      closing = true;
      database
        .close()
        .catch((error: unknown) => console.error("closing the database failed", error))
        .finally(() => process.exit(EXIT_CODES[signal]));
    });
  }
}
