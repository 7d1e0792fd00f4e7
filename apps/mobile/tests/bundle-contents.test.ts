import { builtinModules } from "node:module";
import { describe, expect, test } from "vitest";
import { exportedBundles } from "./support/exported-bundles.ts";

/**
 * Code that must stay on the server: the business rules and their database,
 * the auth server, drivers, and anything written for Node. The app reaches all
 * of it over HTTP and imports `@tally/api` for its types only.
 */
const serverOnly: Record<string, RegExp> = {
  "the API's routers and services": /\/packages\/api\//,
  "the auth configuration": /\/packages\/auth\//,
  "the database package": /\/packages\/db\//,
  "the standalone server": /\/apps\/server\//,
  Prisma: /\/node_modules\/(@prisma\/|prisma\/|\.prisma\/)|\/generated\/prisma\//,
  "the better-auth server": /\/node_modules\/(better-auth|@better-auth\/|better-call)\//,
  "PostgreSQL drivers": /\/node_modules\/(pg|pg-pool|pg-protocol|pg-types|pg-connection-string)\//,
  PGlite: /\/node_modules\/(@electric-sql\/pglite|pglite-prisma-adapter)/,
  "tRPC's server adapters": /\/@trpc\/server\/dist\/adapters\//,
  "the server's logger": /\/node_modules\/(pino|thread-stream)\//,
  "a Node built-in": /(^|\/)node:/,
};

/**
 * Metro refuses to bundle a Node built-in for a phone or a browser, so an
 * import of one fails the export itself. This catches the ones smuggled past
 * the bundler, which survive as plain strings in JS and Hermes bytecode alike.
 * The one exception is a require hidden behind `eval` that expo-modules-core's
 * uuid takes only when there is no `crypto` global: under Node, never here.
 */
const builtinNames = builtinModules.map((name) => name.replace(/^node:/, "")).join("|");
const nodeBuiltin = new RegExp(`(?<!eval\\(['"]require['"]\\)\\(['"])\\bnode:(${builtinNames})\\b`, "g");

function serverOnlyModulesIn(modules: string[]): string[] {
  return modules.flatMap((path) => {
    const match = Object.entries(serverOnly).find(([, pattern]) => pattern.test(path));
    return match ? [`${match[0]}: ${path}`] : [];
  });
}

function nodeBuiltinsIn(code: Buffer): string[] {
  return [...new Set(code.toString("latin1").match(nodeBuiltin) ?? [])];
}

test("the scan recognises what it looks for", () => {
  const modules = [
    "/node_modules/.pnpm/@prisma+client@7.10.0/node_modules/@prisma/client/runtime/client.js",
    "/packages/db/src/generated/prisma/client.ts",
    "/node_modules/.pnpm/better-auth@1.7.25/node_modules/better-auth/dist/api/index.mjs",
    "/node_modules/.pnpm/pg@8.23.1/node_modules/pg/lib/index.js",
    "/packages/api/src/root.ts",
    "/node_modules/.pnpm/zod@4.6.7/node_modules/zod/index.js",
  ];
  expect(serverOnlyModulesIn(modules)).toHaveLength(5);
  expect(nodeBuiltinsIn(Buffer.from(`r("node:fs");x={node:null};eval('require')('node:crypto')`))).toEqual([
    "node:fs",
  ]);
});

describe.each(["android", "web"] as const)("the exported %s bundle", (platform) => {
  const bundles = exportedBundles(platform);

  test("was exported, from this app's code and the shared client", () => {
    expect(bundles.length).toBeGreaterThan(0);
    const modules = bundles.flatMap((bundle) => bundle.modules);
    // A source map listing nothing would let anything through.
    expect(modules.some((path) => path.includes("/apps/mobile/app/"))).toBe(true);
    expect(modules.some((path) => path.includes("/packages/client/src/"))).toBe(true);
  });

  test("contains no server-only module", () => {
    expect(bundles.flatMap((bundle) => serverOnlyModulesIn(bundle.modules))).toEqual([]);
  });

  test("requires no Node built-in", () => {
    expect(bundles.flatMap((bundle) => nodeBuiltinsIn(bundle.bytes))).toEqual([]);
  });
});
