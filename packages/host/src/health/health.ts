import { checkReadiness, type PrismaClient } from "@tally/db";
import { jsonResponse } from "../fetch/responses.ts";

/** Liveness: the process answers. Never touches the database, so a slow database does not get it restarted. */
export function healthResponse(): Response {
  return jsonResponse(200, { status: "ok" });
}

/** Readiness: the database answers and every migration is applied; 503 tells a load balancer to wait. */
export async function readinessResponse(db: PrismaClient): Promise<Response> {
  const readiness = await checkReadiness(db);
  return jsonResponse(readiness.ready ? 200 : 503, readiness);
}
