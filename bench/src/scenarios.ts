import superjson from "superjson";
import { MUTATION_PRODUCT_ID } from "./database.ts";
import type { LoadRequest } from "./load-generator.ts";
import { benchRequestHeaders } from "./session.ts";
import type { TargetName } from "./targets.ts";

export type ScenarioName =
  | "ping"
  | "batch"
  | "list"
  | "mutation"
  | "forwarded"
  | "nextPath"
  | "tracingPing"
  | "tracingList";

export type Scenario = {
  name: ScenarioName;
  target: TargetName;
  /** tRPC calls per HTTP request (10 for the batch). */
  calls: number;
  /** The row's name when it is not the server's (two requests to one server). */
  label?: string;
  request(origin: string, bearerToken: string | null): LoadRequest;
};

export const SCENARIO_TITLES: Record<ScenarioName, string> = {
  ping: "Trivial query: health.ping (zod input, no database)",
  batch: "10-call batch of health.ping (calls/s)",
  list: "catalog.products.list, first page, PostgreSQL, signed in (bearer)",
  mutation: "Mutation: catalog.products.archive (PostgreSQL, signed in, idempotent)",
  forwarded:
    "Forwarding overhead: catalog.products.list (signed in) in-process in Next.js, forwarded to apps/server, and apps/server direct",
  nextPath:
    "The Next.js path (issue 19): health.ping through tRPC's fetch adapter in a route handler, against a plain route handler returning the same JSON",
  tracingPing: "Tracing cost on the express lane: health.ping (one server span), tracing off vs on",
  tracingList:
    "Tracing cost on the express lane: catalog.products.list (server span + Prisma spans), tracing off vs on",
};

const input = (value: unknown) => encodeURIComponent(JSON.stringify(superjson.serialize(value)));
const BATCH_SIZE = 10;

/** Signed-in requests carry the bearer token; the trivial query and the batch go anonymously. */
function get(path: string, signedIn: boolean) {
  return (origin: string, bearerToken: string | null): LoadRequest => ({
    url: `${origin}${path}`,
    method: "GET",
    headers: benchRequestHeaders(signedIn ? bearerToken : null),
  });
}

const ping = (base: string) => get(`${base}/health.ping?input=${input({ echo: "bench" })}`, false);
const batchInput = Object.fromEntries(
  Array.from({ length: BATCH_SIZE }, (_, index) => [index, superjson.serialize({ echo: "bench" })]),
);
const batchPaths = Array(BATCH_SIZE).fill("health.ping").join(",");
const batch = get(
  `/trpc/${batchPaths}?batch=1&input=${encodeURIComponent(JSON.stringify(batchInput))}`,
  false,
);
const listAt = (base: string) => get(`${base}/catalog.products.list?input=${input({ limit: 20 })}`, true);
const list = listAt("/trpc");
const archive = (origin: string, bearerToken: string | null): LoadRequest => ({
  url: `${origin}/trpc/catalog.products.archive`,
  method: "POST",
  headers: { ...benchRequestHeaders(bearerToken), "content-type": "application/json" },
  body: JSON.stringify(superjson.serialize({ id: MUTATION_PRODUCT_ID })),
});

/** In report order; each group's first row is its baseline. */
export const scenarios: Scenario[] = [
  { name: "ping", target: "raw", calls: 1, request: ping("/trpc") },
  { name: "ping", target: "official", calls: 1, request: ping("/trpc") },
  { name: "ping", target: "lane", calls: 1, request: ping("/trpc") },
  { name: "ping", target: "next", calls: 1, request: ping("/api/trpc") },
  { name: "ping", target: "transportOfficial", calls: 1, request: ping("/trpc") },
  { name: "ping", target: "transportLane", calls: 1, request: ping("/trpc") },
  { name: "batch", target: "official", calls: BATCH_SIZE, request: batch },
  { name: "batch", target: "lane", calls: BATCH_SIZE, request: batch },
  { name: "list", target: "rawPg", calls: 1, request: list },
  { name: "list", target: "official", calls: 1, request: list },
  { name: "list", target: "lane", calls: 1, request: list },
  { name: "mutation", target: "official", calls: 1, request: archive },
  { name: "mutation", target: "lane", calls: 1, request: archive },
  { name: "forwarded", target: "next", calls: 1, request: listAt("/api/trpc") },
  { name: "forwarded", target: "nextForwarding", calls: 1, request: listAt("/api/trpc") },
  { name: "forwarded", target: "nextForwardingApart", calls: 1, request: listAt("/api/trpc") },
  { name: "forwarded", target: "lane", calls: 1, request: list },
  {
    name: "nextPath",
    target: "next",
    calls: 1,
    label: "next start, plain route handler (/api/plain-ping)",
    request: get(`/api/plain-ping?input=${input({ echo: "bench" })}`, false),
  },
  {
    name: "nextPath",
    target: "next",
    calls: 1,
    label: "next start, the same plain handler on a dynamic route (/api/plain-ping/[procedure])",
    request: get(`/api/plain-ping/health.ping?input=${input({ echo: "bench" })}`, false),
  },
  {
    name: "nextPath",
    target: "next",
    calls: 1,
    label: "next start, tRPC fetch adapter (/api/trpc/health.ping)",
    request: ping("/api/trpc"),
  },
  { name: "tracingPing", target: "lane", calls: 1, request: ping("/trpc") },
  { name: "tracingPing", target: "laneTraced", calls: 1, request: ping("/trpc") },
  { name: "tracingPing", target: "laneTracedSampled", calls: 1, request: ping("/trpc") },
  { name: "tracingList", target: "lane", calls: 1, request: list },
  { name: "tracingList", target: "laneTraced", calls: 1, request: list },
  { name: "tracingList", target: "laneTracedSampled", calls: 1, request: list },
];
