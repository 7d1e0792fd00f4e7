export { type AuditEventInput, recordAuditEvent } from "./audit.ts";
export * from "./client.ts";
export { type Database, openDatabase } from "./database.ts";
export { type DatabaseConfig, databaseConfigFromEnv, databaseEnv, findRepoRoot } from "./env.ts";
export { checkReadiness, type Readiness } from "./readiness.ts";
