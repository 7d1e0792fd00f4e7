// Outside apps/web, "next" resolves here, for types only (tsconfig.base.json
// `paths`; apps/web has its own `paths` and the real package). trpc-to-openapi's
// types re-export an adapter per framework, and the Next.js one would load
// Next's global types (a required `NODE_ENV` in `ProcessEnv`) into every
// program that imports the host. Nothing outside apps/web imports Next at run time.
export type NextApiRequest = never;
export type NextApiResponse = never;
