export { NoEmbeddedPostgresError } from "./binaries.ts";
export {
  type EmbeddedServer,
  ensureEmbeddedServer,
  LegacyEmbeddedDataError,
  stopEmbeddedServer,
} from "./server.ts";
