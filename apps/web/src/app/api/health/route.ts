import { healthResponse } from "@tally/host";

/** Liveness, without the database (packages/host/src/health). */
export const GET = async () => healthResponse();
