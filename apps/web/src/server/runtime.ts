import { type FetchHandler, hostConfigFromEnv, openRuntime, type Runtime } from "@tally/host";

/**
 * One runtime (database, auth, logger) per process, opened on first use:
 * `next build` imports this module without ever touching a database, and the
 * handle lives on `globalThis` so a dev-server hot reload reuses it instead of
 * opening another connection pool.
 */
const processWide = globalThis as typeof globalThis & { tallyRuntime?: Promise<Runtime> };

export function getRuntime(): Promise<Runtime> {
  processWide.tallyRuntime ??= openRuntime(hostConfigFromEnv()).then(
    (runtime) => {
      closeOnShutdown(runtime);
      return runtime;
    },
    (error: unknown) => {
      processWide.tallyRuntime = undefined; // let the next request try again
      throw error;
    },
  );
  return processWide.tallyRuntime;
}

/** A route's handler, built from the runtime at its first request and reused after. */
export function servedBy(build: (runtime: Runtime) => FetchHandler): FetchHandler {
  let handler: Promise<FetchHandler> | undefined;
  return async (request) => {
    handler ??= getRuntime()
      .then(build)
      .catch((error: unknown) => {
        handler = undefined;
        throw error;
      });
    return (await handler)(request);
  };
}

const EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

/**
 * The database connections are closed before the process exits: `next start`
 * runs with NEXT_MANUAL_SIG_HANDLE so Next's own handler cannot exit first.
 */
function closeOnShutdown(runtime: Runtime) {
  let closing = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      if (closing) return;
      closing = true;
      runtime
        .close()
        .catch((error: unknown) => console.error("closing the database failed", error))
        .finally(() => process.exit(EXIT_CODES[signal]));
    });
  }
}
