import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { isolatedWorkspace } from "./support/isolated-workspace.ts";

const workspace = isolatedWorkspace();
afterAll(() => workspace.dispose());

const ROUTER = "packages/api/src/routers/orders/orders.router.ts";
const BEFORE = ".input(addOrderItemInput)";
// A rename a refactor might make: `quantity` becomes `units`.
const AFTER =
  ".input(addOrderItemInput.omit({ quantity: true }).extend({ units: addOrderItemInput.shape.quantity }))";

test("renaming a field of orders.addItem's input breaks the mobile typecheck where the app sends it", () => {
  const unchanged = workspace.typecheckMobile();
  expect(unchanged.mobileErrors, unchanged.output).toEqual([]);

  const file = join(workspace.root, ROUTER);
  const source = readFileSync(file, "utf8");
  // If the router no longer reads like this, the probe must be updated rather than pass vacuously.
  expect(source.split(BEFORE)).toHaveLength(2);
  writeFileSync(file, source.replace(BEFORE, AFTER));

  const changed = workspace.typecheckMobile();
  expect(changed.mobileErrors.some((line) => line.startsWith("app/orders/[id]/add-item.tsx"))).toBe(true);
  expect(changed.mobileErrors.join("\n")).toMatch(/quantity|units/);
});
