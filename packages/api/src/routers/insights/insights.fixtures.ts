import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import type { InsightsConfig, RulesConfig } from "../../config.ts";
import { defaultRulesConfig } from "../../config.ts";
import { createCaller } from "../../root.ts";
import { type TestApi, testSafety } from "../../testing/index.ts";
import { createContext } from "../../trpc.ts";

export type ReceivedCall = {
  path: string;
  authorization: string | null;
  traceparent: string | null;
  body: unknown;
};

export type StandIn = {
  url: string;
  /** Every request that reached it, in order, bodies parsed. */
  received: ReceivedCall[];
  close(): Promise<void>;
};

/**
 * A node:http server in the service's place: it records what Tally sends,
 * waits `delayMs`, then forwards to `upstream` (the real service) or, without
 * one, answers `status`. Recording in front of the real service is how a test
 * sees exactly which organisation's rows left the API.
 */
export async function startStandIn({
  upstream,
  delayMs = 0,
  status = 503,
}: {
  upstream?: string;
  delayMs?: number;
  status?: number;
} = {}): Promise<StandIn> {
  const received: ReceivedCall[] = [];
  const server = createServer(async (req, res) => {
    const raw = await readBody(req);
    received.push({
      path: req.url ?? "",
      authorization: req.headers.authorization ?? null,
      traceparent: typeof req.headers.traceparent === "string" ? req.headers.traceparent : null,
      body: raw ? JSON.parse(raw) : null,
    });
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (res.destroyed) return;
    if (!upstream) {
      res.writeHead(status, { "content-type": "application/json" }).end('{"detail":"stand-in"}');
      return;
    }
    const answer = await fetch(`${upstream}${req.url}`, {
      method: req.method ?? "POST",
      headers: {
        "content-type": "application/json",
        ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      },
      body: raw,
    });
    res
      .writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "application/json" })
      .end(await answer.text());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      body += chunk;
    });
    req.on("end", () => resolve(body));
    req.on("error", reject);
  });
}

/** The rules' configuration pointing at `url`; a fresh object, so a fresh client (circuit, cache) per test. */
export function rulesFor(
  url: string,
  { token = randomBytes(24).toString("hex"), timeoutMs = 1_500 } = {},
): RulesConfig {
  const insights: InsightsConfig = Object.freeze({ url, token, timeoutMs });
  return { ...defaultRulesConfig, insights };
}

/** A loopback port nothing listens on: a service that is stopped. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

/** `user`'s caller, as a host configured with `rules` would build it for each of their requests. */
export function callerWithRules(api: TestApi, user: { token: string }, rules: RulesConfig) {
  const headers = new Headers({ authorization: `Bearer ${user.token}` });
  return createCaller(() =>
    createContext({
      db: api.db,
      auth: api.auth,
      headers,
      safety: testSafety(headers),
      queue: api.queue,
      config: rules,
    }),
  );
}
