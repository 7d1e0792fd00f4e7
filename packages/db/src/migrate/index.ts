export {
  checkSchemaInSync,
  type DevResult,
  deployMigrations,
  type MigrationStatus,
  migrateDev,
  migrationStatus,
  resetDatabase,
  schemaDrift,
} from "./commands.ts";
export type { MigrationPaths } from "./files.ts";
export type { MigrationTarget } from "./session.ts";
