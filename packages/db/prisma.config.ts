import { defineConfig } from "prisma/config";

// The standard CLI only understands postgresql:// URLs; the embedded database
// is handled by this package's own migration tool (src/migrate).
export default defineConfig({
  schema: "../../prisma/schema.prisma",
  migrations: { path: "../../prisma/migrations" },
  ...(process.env.DATABASE_URL?.startsWith("postgres")
    ? { datasource: { url: process.env.DATABASE_URL } }
    : {}),
});
