/**
 * Hosts for other packages' tests, started as production runs them. The
 * mobile app's tests use these so that nothing in apps/mobile imports server
 * code (the dependency rules forbid it): the database and auth stay here.
 */
export { type ApiServer, startApiServer } from "./api-server.ts";
