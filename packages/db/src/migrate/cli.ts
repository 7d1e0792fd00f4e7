import { parseArgs } from "node:util";
import { ensureEmbeddedServer } from "../embedded/server.ts";
import { databaseConfigFromEnv } from "../env.ts";
import {
  deployMigrations,
  type MigrationTarget,
  migrateDev,
  migrationStatus,
  resetDatabase,
  schemaDrift,
} from "./index.ts";
import { migrateConfig } from "./migrate-config.ts";

const USAGE = "usage: cli.ts <deploy | dev --name <name> | status | reset | check>";

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { name: { type: "string" } },
  });
  const [command, ...extra] = positionals;
  if (extra.length > 0) throw new Error(USAGE);

  switch (command) {
    case "check": {
      const drift = await schemaDrift();
      if (drift === null) {
        console.log("schema.prisma and prisma/migrations agree");
        return 0;
      }
      console.error(
        `schema.prisma differs from prisma/migrations (run db:migrate:dev --name <name>):\n${drift}`,
      );
      return 1;
    }
    case "deploy":
      return withTarget(async (target, where) => {
        const applied = await deployMigrations(target);
        return report(applied, `no pending migrations on ${where}`, `on ${where}`);
      });
    case "dev": {
      const name = values.name;
      if (!name) throw new Error(`dev needs --name <name> (${USAGE})`);
      return withTarget(async (target, where) => {
        const result = await migrateDev(target, name);
        for (const warning of result.warnings) console.log(`warning: ${warning}`);
        if (result.created) console.log(`created prisma/migrations/${result.created}/migration.sql`);
        else console.log("schema.prisma matches the migrations: no new migration");
        return report(result.applied, `${where} is up to date`, `on ${where}`);
      });
    }
    case "status":
      return withTarget(async (target, where) => {
        const status = await migrationStatus(target);
        console.log(`${where}: ${status.applied.length} applied, ${status.pending.length} pending`);
        const problems: [string, string[]][] = [
          ["pending", status.pending],
          ["failed", status.failed],
          ["edited after being applied", status.edited],
          ["applied but missing from prisma/migrations", status.unknown],
        ];
        for (const [label, names] of problems)
          if (names.length > 0) console.log(`${label}: ${names.join(", ")}`);
        // Like `prisma migrate status`: anything but "all applied" fails, so scripts can gate on it.
        return problems.some(([, names]) => names.length > 0) ? 1 : 0;
      });
    case "reset":
      if (migrateConfig().production) throw new Error("reset refuses to run with NODE_ENV=production");
      return withTarget(async (target, where) => {
        const applied = await resetDatabase(target);
        console.log(`reset ${where}`);
        return report(applied, "no migrations to apply", `on ${where}`);
      });
    default:
      throw new Error(USAGE);
  }
}

/** DATABASE_URL names PostgreSQL; otherwise the app's embedded server, started if it is not running. */
async function withTarget(
  work: (target: MigrationTarget, where: string) => Promise<number>,
): Promise<number> {
  const config = databaseConfigFromEnv();
  if (config.kind === "postgres") {
    const url = new URL(config.url);
    return work({ kind: "postgres", url: config.url }, `postgres ${url.host}${url.pathname}`);
  }
  const server = await ensureEmbeddedServer(config.dataDir);
  return work({ kind: "postgres", url: server.url }, `the embedded database in ${config.dataDir}`);
}

function report(applied: string[], none: string, suffix: string): number {
  if (applied.length === 0) console.log(none);
  for (const name of applied) console.log(`applied ${name} ${suffix}`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
