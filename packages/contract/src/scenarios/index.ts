import type { TallyClient } from "@tally/client";
import { catalogScenario } from "./catalog.ts";
import { identityScenario } from "./identity.ts";
import { ordersScenario } from "./orders.ts";

/** Every domain, through one client: what the contract compares across arrangements of hosts. */
export async function everyDomain(client: TallyClient, prefix: string) {
  return {
    identity: await identityScenario(client, prefix),
    catalog: await catalogScenario(client, prefix),
    orders: await ordersScenario(client, prefix),
  };
}
