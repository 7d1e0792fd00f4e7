import { measurePlaceOrders, type PlaceResult, placePlan } from "./place-orders.ts";
import { type RunningServer, startServer } from "./server-process.ts";
import { targetSpecs } from "./targets.ts";

const CONFIGURED = "placements bounded (default)";
const UNBOUNDED = "placements unbounded";

/** The hot-product section: apps/server as configured and with the placement gate off, side by side. */
export async function measureHotProduct(databaseUrl: string, bearerToken: string): Promise<PlaceResult[]> {
  const lane = targetSpecs(databaseUrl).lane;
  const running: RunningServer[] = [];
  try {
    const configured = await startServer({ ...lane, name: CONFIGURED });
    running.push(configured);
    const unbounded = await startServer({
      ...lane,
      name: UNBOUNDED,
      env: { ...lane.env, TALLY_PLACEMENT_CONCURRENCY: "0" },
    });
    running.push(unbounded);
    const servers = [
      { label: CONFIGURED, origin: configured.origin, cpuMicros: configured.cpuMicros },
      { label: UNBOUNDED, origin: unbounded.origin, cpuMicros: unbounded.cpuMicros },
    ];
    return await measurePlaceOrders(databaseUrl, bearerToken, placePlan(servers));
  } finally {
    for (const server of running) await server.stop();
  }
}
