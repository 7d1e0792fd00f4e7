/**
 * One planted import per rule, each in a folder laid out like the repository,
 * so the real rules file judges it exactly as it judges the real code. Every
 * `from` is relative (or a package planted in the fixture's node_modules), so
 * a fixture needs nothing installed.
 */
export type Fixture = Record<string, string>;

const host = { "packages/host/src/index.ts": "export const host = 1;\n" };
const api = {
  "packages/api/src/index.ts": "export const appRouter = {};\nexport type AppRouter = typeof appRouter;\n",
};
const db = { "packages/db/src/index.ts": "export const prisma = {};\n" };
const next = {
  "node_modules/next/package.json": '{ "name": "next", "version": "0.0.0", "main": "index.js" }\n',
  "node_modules/next/index.js": "module.exports = {};\n",
  "node_modules/next/server.js": "module.exports = {};\n",
};
const pg = {
  "node_modules/pg/package.json": '{ "name": "pg", "version": "0.0.0", "main": "index.js" }\n',
  "node_modules/pg/index.js": "module.exports = {};\n",
};

export const plantedViolations: Array<{ rule: string; file: string; fixture: Fixture }> = [
  {
    rule: "rules-know-no-host",
    file: "packages/api/src/leak-1.ts",
    fixture: {
      ...host,
      "packages/api/src/leak-1.ts": 'import { host } from "../../host/src/index.ts";\nexport { host };\n',
    },
  },
  {
    rule: "data-below-rules",
    file: "packages/db/src/leak-2.ts",
    fixture: { ...api, "packages/db/src/leak-2.ts": 'export { appRouter } from "../../api/src/index.ts";\n' },
  },
  {
    rule: "auth-below-rules",
    file: "packages/auth/src/leak-3.ts",
    fixture: {
      ...api,
      "packages/auth/src/leak-3.ts": 'export { appRouter } from "../../api/src/index.ts";\n',
    },
  },
  {
    rule: "validators-are-leaves",
    file: "packages/validators/src/leak-4.ts",
    fixture: {
      "packages/validators/src/leak-4.ts":
        'import { readFileSync } from "node:fs";\nexport { readFileSync };\n',
    },
  },
  {
    rule: "partner-client-is-generated",
    file: "packages/partner-client/src/leak-30.ts",
    fixture: {
      ...api,
      "packages/partner-client/src/leak-30.ts": 'export type { AppRouter } from "../../api/src/index.ts";\n',
    },
  },
  {
    rule: "shared-state-is-a-leaf",
    file: "packages/shared-state/src/leak-20.ts",
    fixture: {
      ...db,
      "packages/shared-state/src/leak-20.ts": 'export { prisma } from "../../db/src/index.ts";\n',
    },
  },
  {
    rule: "documents-know-only-validators",
    file: "packages/documents/src/leak-21.ts",
    fixture: {
      ...db,
      "packages/documents/src/leak-21.ts": 'export { prisma } from "../../db/src/index.ts";\n',
    },
  },
  {
    rule: "host-below-apps",
    file: "packages/host/src/leak-5.ts",
    fixture: { ...next, "packages/host/src/leak-5.ts": 'export * from "next/server";\n' },
  },
  {
    rule: "client-knows-no-server",
    file: "packages/client/src/leak-6.ts",
    fixture: {
      ...host,
      "packages/client/src/leak-6.ts": 'export { host } from "../../host/src/index.ts";\n',
    },
  },
  {
    rule: "client-uses-api-types-only",
    file: "packages/client/src/leak-7.ts",
    fixture: {
      ...api,
      "packages/client/src/leak-7.ts": 'export { appRouter } from "../../api/src/index.ts";\n',
    },
  },
  {
    rule: "no-server-code-in-mobile",
    file: "apps/mobile/tests/support/leak-8.ts",
    fixture: {
      ...db,
      "apps/mobile/tests/support/leak-8.ts":
        'export { prisma } from "../../../../packages/db/src/index.ts";\n',
    },
  },
  {
    rule: "mobile-uses-api-types-only",
    file: "apps/mobile/src/leak-9.ts",
    fixture: {
      ...api,
      "apps/mobile/src/leak-9.ts": 'export { appRouter } from "../../../packages/api/src/index.ts";\n',
    },
  },
  {
    rule: "web-reaches-data-through-host",
    file: "apps/web/src/server/leak-10.ts",
    fixture: {
      ...db,
      "apps/web/src/server/leak-10.ts": 'export { prisma } from "../../../../packages/db/src/index.ts";\n',
    },
  },
  {
    rule: "web-reaches-data-through-host",
    file: "apps/web/src/server/leak-11.ts",
    fixture: { ...pg, "apps/web/src/server/leak-11.ts": 'import pg from "pg";\nexport { pg };\n' },
  },
  {
    rule: "web-tests-use-no-prisma",
    file: "apps/web/tests/support/leak-12.ts",
    fixture: {
      ...db,
      "apps/web/tests/support/leak-12.ts": 'export { prisma } from "../../../../packages/db/src/index.ts";\n',
    },
  },
  {
    rule: "server-never-imports-next",
    file: "apps/server/src/leak-13.ts",
    fixture: { ...next, "apps/server/src/leak-13.ts": 'export * from "next/server";\n' },
  },
  {
    rule: "apps-are-not-libraries",
    file: "packages/boundaries/src/leak-14.ts",
    fixture: {
      "apps/server/src/app.ts": "export const app = 1;\n",
      "packages/boundaries/src/leak-14.ts": 'export { app } from "../../../apps/server/src/app.ts";\n',
    },
  },
  {
    rule: "web-reaches-data-through-host",
    file: "apps/web/src/lib/leak-15.ts",
    fixture: { "apps/web/src/lib/leak-15.ts": 'import "@tally/db";\n' },
  },
  {
    rule: "imports-resolve",
    file: "packages/api/src/leak-16.ts",
    fixture: { "packages/api/src/leak-16.ts": 'export * from "./not-there.ts";\n' },
  },
];

/** What the rules allow: the layers used downwards, and the API's types (only its types) in the mobile app. */
export const allowedImports: Fixture = {
  ...db,
  ...api,
  "packages/api/src/uses-db.ts": 'export { prisma } from "../../db/src/index.ts";\n',
  "packages/host/src/uses-api.ts": 'export { appRouter } from "../../api/src/index.ts";\n',
  "apps/mobile/src/api-types.ts":
    'import type { AppRouter } from "../../../packages/api/src/index.ts";\nexport type Router = AppRouter;\n',
  "packages/client/src/api-types.ts": 'export type { AppRouter } from "../../api/src/index.ts";\n',
};
