/**
 * Tally's dependency rules, checked by `pnpm deps` (part of `pnpm test`).
 * The layers, lowest first; each may import only from the ones before it:
 *
 *   validators ← db ← auth ← api ← host ← apps (web, server)
 *
 * validators: zod schemas, shared with every client; db: Prisma and the
 * database; auth: better-auth on the database; api: the rules (trpc.ts,
 * routers, services); host: HTTP in and out (packages/host); apps: wiring.
 * client (tRPC links, for web and mobile) sits beside them and knows the
 * rules only as the AppRouter type; apps/mobile knows nothing of the server.
 * Tests follow the rules of the folder they live in.
 */
// Matches npm packages under pnpm's store too (node_modules/.pnpm/pg@8/node_modules/pg/…).
const NPM = (names) => `node_modules/(${names})/`;
/** Our packages, by folder (resolved) or by name (an import the app's package.json does not declare). */
const OURS = (folders) => [`^packages/(${folders})/`, `^@tally/(${folders})(/|$)`];
const SERVER_PACKAGES = [...OURS("db|auth|host"), "^apps/(server|web)/", "^@tally/(server|web)(/|$)"];
const PRISMA_OR_DRIVERS = NPM(
  "prisma|@prisma/[^/]+|\\.prisma|pg|pg-[a-z-]+|@electric-sql/[^/]+|pglite-prisma-adapter",
);
const NEXT = NPM("next|react|react-dom");

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "rules-know-no-host",
      comment:
        "packages/api holds the rules: it never imports the host layer (packages/host), an app, Next.js, React or the client. HTTP belongs in packages/host.",
      severity: "error",
      from: { path: "^packages/api/" },
      to: { path: [...OURS("host|client|contract"), "^apps/", NEXT] },
    },
    {
      name: "data-below-rules",
      comment:
        "packages/db is below the rules and auth: it never imports validators' users (auth, api, host), clients or apps.",
      severity: "error",
      from: { path: "^packages/db/" },
      to: { path: [...OURS("auth|api|host|client|contract"), "^apps/", NEXT] },
    },
    {
      name: "auth-below-rules",
      comment: "packages/auth sits on the database; the rules and hosts use it, never the other way round.",
      severity: "error",
      from: { path: "^packages/auth/" },
      to: { path: [...OURS("api|host|client|contract"), "^apps/", NEXT] },
    },
    {
      name: "validators-are-leaves",
      comment:
        "packages/validators is shared by every client, phones included: zod schemas only, no other package of ours, no server code, no Node built-ins.",
      severity: "error",
      from: { path: "^packages/validators/" },
      to: {
        pathNot: ["^packages/validators/", NPM("zod")],
      },
    },
    {
      name: "shared-state-is-a-leaf",
      comment:
        "packages/shared-state (Redis or this process's memory) knows nothing of Tally: auth and host use it, it imports none of our packages.",
      severity: "error",
      from: { path: "^packages/shared-state/" },
      to: { path: [...OURS("[a-z-]+"), "^apps/"], pathNot: "^packages/shared-state/" },
    },
    {
      name: "partner-client-is-generated",
      comment:
        "packages/partner-client is what a partner generates from /api/v1/openapi.json: types only, knowing nothing of Tally's code.",
      severity: "error",
      from: { path: "^packages/partner-client/" },
      to: { path: [...OURS("[a-z-]+"), "^apps/"], pathNot: "^packages/partner-client/" },
    },
    {
      name: "documents-know-only-validators",
      comment:
        "packages/documents renders invoices and emails from plain data: it imports @tally/validators (money formats) and no other package of ours, so it never reaches the database or the rules.",
      severity: "error",
      from: { path: "^packages/documents/" },
      to: {
        path: [...OURS("[a-z-]+"), "^apps/"],
        pathNot: ["^packages/(documents|validators)/", "^@tally/validators(/|$)"],
      },
    },
    {
      name: "host-below-apps",
      comment:
        "packages/host serves both apps; it never imports one of them, nor Next.js (apps/server would bundle it).",
      severity: "error",
      from: { path: "^packages/host/" },
      to: { path: ["^apps/", ...OURS("client|contract"), NEXT] },
    },
    {
      name: "client-knows-no-server",
      comment:
        "packages/client runs in browsers and phones: the API only as types (import type { AppRouter }), nothing else of the server.",
      severity: "error",
      from: { path: "^packages/client/" },
      to: {
        path: [...SERVER_PACKAGES, ...OURS("contract"), PRISMA_OR_DRIVERS, NPM("better-auth|pino")],
      },
    },
    {
      name: "client-uses-api-types-only",
      comment: "packages/client may import @tally/api for its types only (import type { AppRouter }).",
      severity: "error",
      from: { path: "^packages/client/" },
      to: { path: "^packages/api/", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "no-server-code-in-mobile",
      comment:
        "Nothing in apps/mobile (tests included) imports a server package: no @tally/db, @tally/auth, @tally/host, apps/server, Prisma, pg or the better-auth server. Its tests start the API through @tally/contract/testing.",
      severity: "error",
      from: { path: "^apps/mobile/" },
      to: { path: [...SERVER_PACKAGES, PRISMA_OR_DRIVERS, NPM("better-auth|@better-auth/[^/]+|pino")] },
    },
    {
      name: "mobile-uses-api-types-only",
      comment:
        "apps/mobile may import @tally/api for its types only (import type { AppRouter, RouterOutputs }).",
      severity: "error",
      from: { path: "^apps/mobile/" },
      to: { path: "^packages/api/", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "web-reaches-data-through-host",
      comment:
        "apps/web reaches data only through @tally/host (openRuntime) and the procedures: never @tally/db, Prisma or a database driver. (Its e2e support may create a test database with pg.)",
      severity: "error",
      from: { path: "^apps/web/", pathNot: "^apps/web/tests/support/" },
      to: { path: [...OURS("db"), PRISMA_OR_DRIVERS] },
    },
    {
      name: "web-tests-use-no-prisma",
      comment: "apps/web's tests never open the database through @tally/db or Prisma either.",
      severity: "error",
      from: { path: "^apps/web/tests/" },
      to: { path: [...OURS("db"), NPM("prisma|@prisma/[^/]+|\\.prisma")] },
    },
    {
      name: "server-never-imports-next",
      comment: "apps/server is a plain Node server: it never imports Next.js, React or the web app.",
      severity: "error",
      from: { path: "^apps/server/" },
      to: { path: ["^apps/(web|mobile)/", "^@tally/(web|mobile)(/|$)", NEXT] },
    },
    {
      name: "apps-are-not-libraries",
      comment: "No package imports an app's source; apps are the top of the graph.",
      severity: "error",
      from: { path: "^packages/", pathNot: "^packages/contract/" },
      to: { path: ["^apps/", "^@tally/(web|server|mobile)(/|$)"] },
    },
    {
      name: "imports-resolve",
      comment:
        "Every import resolves from where it is written: a package used is declared in that package.json (pnpm installs nothing else), a relative path exists.",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: {
      path: ["(^|/)(dist|\\.next|\\.expo|\\.turbo)/", "/src/generated/"],
    },
    // TypeScript 7 has no compiler API for the tool to call; swc parses TS and keeps `import type`.
    parser: "swc",
    // apps/web's `@/…` imports, as its tsconfig.json maps them (the tool cannot read tsconfig without TypeScript's API).
    webpackConfig: { fileName: `${__dirname}/apps/web/resolve-aliases.cjs` },
    // Workspace packages are found through their package.json "exports", as Node and TypeScript find them.
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      mainFields: ["module", "main", "types", "typings"],
      // `.native` first, as Metro picks the phone's file (apps/mobile's token-store.native.ts).
      extensions: [
        ".native.ts",
        ".native.tsx",
        ".ts",
        ".tsx",
        ".d.ts",
        ".mts",
        ".js",
        ".mjs",
        ".cjs",
        ".json",
      ],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
