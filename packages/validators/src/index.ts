export * from "./catalog.ts";
export * from "./money.ts";
export * from "./pagination.ts";
