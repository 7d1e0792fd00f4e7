// The types of the two parts of trpc-to-openapi the host uses. Its root types
// re-export an adapter per framework, and the Next.js one loads Next's global
// types (a required `NODE_ENV` in `ProcessEnv`) into every program that
// imports the host. tsconfig.base.json points the package's name here, for
// types only: at run time the package itself is imported.
export { createOpenApiNodeHttpHandler } from "../../node_modules/trpc-to-openapi/dist/esm/adapters/node-http/core";
export { generateOpenApiDocument } from "../../node_modules/trpc-to-openapi/dist/esm/generator/index";
