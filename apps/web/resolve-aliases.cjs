// The web app's `@/…` imports (tsconfig.json "paths"), for tools that resolve
// modules without the TypeScript compiler: the dependency rules (.dependency-cruiser.cjs).
module.exports = { resolve: { alias: { "@": `${__dirname}/src` } } };
