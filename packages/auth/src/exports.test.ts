import { expect, test } from "vitest";
import * as auth from "./index.ts";

test("seeding demo users is not part of what production code imports", async () => {
  expect(Object.keys(auth)).not.toContain("seedDemoWithUsers");
  expect(Object.keys(await import("@tally/auth/seed"))).toEqual(["seedDemoWithUsers"]);
});
