import { expect, test } from "vitest";
import * as db from "./index.ts";
import * as seed from "./seed-data.ts";

test("the demo password and seed helpers are not part of what production code imports", () => {
  const production = Object.keys(db);
  for (const name of Object.keys(seed)) expect(production, name).not.toContain(name);
  expect(Object.keys(seed).sort()).toEqual([
    "DEMO_ORGANIZATION_ID",
    "DEMO_PASSWORD",
    "demoUsers",
    "seedDemo",
    "seedDemoBusiness",
    "writeDemoBusiness",
  ]);
});
