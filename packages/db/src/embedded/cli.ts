import { databaseConfigFromEnv } from "../env.ts";
import { importPglite } from "./import-pglite.ts";
import { ensureEmbeddedServer, stopEmbeddedServer } from "./server.ts";

/**
 * `stop`: stops the embedded server of TALLY_DATA_DIR; `import-pglite`: moves
 * an old PGlite folder's data into it; `url`: starts it if needed and prints
 * its postgresql:// URL (for psql, or a tool that takes one), nothing else.
 */
async function main(command: string | undefined): Promise<number> {
  const config = databaseConfigFromEnv();
  if (config.kind !== "embedded") {
    // Said on stderr, so `$(pnpm -s db:url)` never picks up a sentence as a URL.
    console.error("DATABASE_URL is set: there is no embedded database to manage");
    return command === "url" ? 1 : 0;
  }
  if (command === "url") {
    console.log((await ensureEmbeddedServer(config.dataDir)).url);
    return 0;
  }
  if (command === "stop") {
    const stopped = await stopEmbeddedServer(config.dataDir);
    console.log(
      stopped
        ? `stopped the embedded database in ${config.dataDir}`
        : "the embedded database was not running",
    );
    return 0;
  }
  if (command === "import-pglite") {
    const { tables, rows, keptAt } = await importPglite(config.dataDir);
    console.log(
      `imported ${rows} rows in ${tables} tables; the old folder is kept at ${keptAt} (delete it when done)`,
    );
    return 0;
  }
  console.error("usage: cli.ts <stop | import-pglite | url>");
  return 1;
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
