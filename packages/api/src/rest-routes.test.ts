/**
 * Every procedure marked for REST (`meta.openapi`) is a partner operation: it
 * must say what it returns (`.output()`, which is also its documented
 * response) and which API-key scopes reach it, and two routes must never
 * claim the same method and path.
 */
import type { AnyTRPCProcedure } from "@trpc/server";
import { expect, test } from "vitest";
import { appRouter } from "./root.ts";
import type { Meta } from "./trpc.ts";

type Inspectable = AnyTRPCProcedure & { _def: { meta?: Meta; output?: unknown; inputs: unknown[] } };

const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, Inspectable>);
const restProcedures = procedures.filter(([, procedure]) => procedure._def.meta?.openapi);

/** What is wrong with one procedure as a REST operation; empty when nothing is. */
export function restRouteProblems(path: string, procedure: Inspectable): string[] {
  const meta = procedure._def.meta;
  const problems: string[] = [];
  if (!meta?.openapi) return problems;
  if (!procedure._def.output) problems.push(`${path}: no .output()`);
  if (!meta.scopes?.length) problems.push(`${path}: no scopes`);
  if (meta.access === "public" || meta.access === "authed")
    problems.push(`${path}: not an organisation procedure`);
  return problems;
}

test("REST is offered for the partner operations", () => {
  expect(restProcedures.map(([path]) => path).sort()).toEqual(
    [
      "catalog.products.get",
      "catalog.products.list",
      "customers.create",
      "customers.get",
      "customers.list",
      "invoices.get",
      "invoices.list",
      "orders.addItem",
      "orders.create",
      "orders.get",
      "orders.list",
      "orders.place",
      "payments.list",
      "webhooks.deliveries.list",
      "webhooks.endpoints.create",
      "webhooks.endpoints.delete",
      "webhooks.endpoints.list",
      "webhooks.endpoints.update",
    ].sort(),
  );
});

test("every procedure marked for REST declares its output and its scopes", () => {
  expect(restProcedures.flatMap(([path, procedure]) => restRouteProblems(path, procedure))).toEqual([]);
});

test("the check itself catches a route without an output or a scope", () => {
  const [, sample] = restProcedures[0] ?? [];
  if (!sample) throw new Error("no REST procedure");
  const stripped = {
    ...sample,
    _def: { ...sample._def, output: undefined, meta: { ...sample._def.meta, scopes: [] } },
  } as unknown as Inspectable;
  expect(restRouteProblems("sample", stripped)).toEqual(["sample: no .output()", "sample: no scopes"]);
});

test("no two routes share a method and path", () => {
  const routes = restProcedures.map(([, procedure]) => {
    const route = procedure._def.meta?.openapi;
    return `${route?.method} ${route?.path}`;
  });
  expect(new Set(routes).size).toBe(routes.length);
});
