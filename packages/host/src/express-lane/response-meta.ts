import type { AnyTRPCRouter, inferRouterContext, TRPCError } from "@trpc/server";
import { getHTTPStatusCode, type TRPCRequestInfo } from "@trpc/server/http";
import type { TRPCResponse } from "@trpc/server/rpc";
import type { ExpressLaneOptions } from "./options.ts";

export type MetaHeaders = Record<string, string | string[]>;

/**
 * The status and extra headers of an answer, as tRPC's `initResponse` makes
 * them: the status from the responses unless `responseMeta` names one, and
 * `responseMeta`'s headers (a string sets, an array appends).
 */
export function answerMeta<TRouter extends AnyTRPCRouter>(
  options: Pick<ExpressLaneOptions<TRouter>, "responseMeta">,
  {
    ctx,
    info,
    responses,
    errors,
  }: {
    ctx: inferRouterContext<TRouter> | undefined;
    info: TRPCRequestInfo | undefined;
    responses: TRPCResponse | TRPCResponse[];
    errors: TRPCError[];
  },
): { status: number; headers: MetaHeaders } {
  const data = Array.isArray(responses) ? responses : [responses];
  let status = getHTTPStatusCode(responses);
  const headers: MetaHeaders = {};
  if (!options.responseMeta) return { status, headers };
  const meta = options.responseMeta({
    ctx,
    info,
    paths: info?.calls.map((call) => call.path),
    data,
    errors,
    eagerGeneration: false,
    type: info?.calls.find((call) => call.procedure?._def.type)?.procedure?._def.type ?? "unknown",
  });
  const append = (name: string, value: string) => {
    const key = name.toLowerCase();
    const present = headers[key];
    headers[key] = present === undefined ? value : [...(Array.isArray(present) ? present : [present]), value];
  };
  if (meta.headers instanceof Headers)
    for (const [name, value] of meta.headers.entries()) append(name, value);
  else if (meta.headers)
    for (const [name, value] of Object.entries(meta.headers)) {
      if (Array.isArray(value)) for (const one of value) append(name, one);
      else if (typeof value === "string") headers[name.toLowerCase()] = value;
    }
  if (meta.status) status = meta.status;
  return { status, headers };
}
