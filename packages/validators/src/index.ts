export * from "./audit.ts";
export * from "./catalog.ts";
export * from "./health.ts";
export * from "./issues.ts";
export * from "./money.ts";
export * from "./org.ts";
export * from "./pagination.ts";
