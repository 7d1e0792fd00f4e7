import { idempotencyKey } from "@tally/validators";
import { z } from "zod";

/**
 * A procedure's REST route, in the shape trpc-to-openapi reads from `meta.openapi`
 * (packages/host/src/rest serves and documents it). Declared here rather than
 * imported: the library's types pull in every framework it has an adapter for.
 */
export type RestRoute = {
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  path: `/${string}`;
  summary?: string;
  description?: string;
  tags?: string[];
  /** Needs credentials (documented with the security scheme). */
  protect?: boolean;
  requestHeaders?: z.ZodObject;
  successDescription?: string;
  errorResponses?: number[] | Record<number, string>;
};

/** A route every partner call needs credentials for, documented under `tag`. */
export function rest(
  method: RestRoute["method"],
  path: RestRoute["path"],
  summary: string,
  tag: string,
): RestRoute {
  return { method, path, summary, tags: [tag], protect: true };
}

/** Placing, fulfilling and cancelling take the key as a header too (idempotency.ts). */
export const idempotencyHeaders = z.object({
  "idempotency-key": idempotencyKey
    .optional()
    .describe("Retrying with the same key returns the first result instead of acting twice"),
});
