import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";

const contentTypes: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".png": "image/png",
  ".ttf": "font/ttf",
  ".ico": "image/x-icon",
};

/** What a deployment's reverse proxy in front of both sends on to the API host. */
const API_PATHS = /^\/(trpc|api\/auth)(\/|$)/;

export type StaticSite = { origin: string; close(): Promise<void> };

/**
 * The exported web build on 127.0.0.1, as a static host with a reverse proxy
 * in front of the API would serve it: files from `root`, API paths forwarded
 * to `apiOrigin` untouched (the browser's Origin header included), and any
 * other path answered with index.html so that deep links reach the router.
 */
export async function serveStaticSite(root: string, apiOrigin: () => string): Promise<StaticSite> {
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://site").pathname);
    if (API_PATHS.test(path)) {
      const target = new URL(req.url ?? "/", apiOrigin());
      const upstream = request(
        target,
        { method: req.method, headers: { ...req.headers, host: target.host } },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on("error", () => res.writeHead(502).end("API unreachable"));
      req.pipe(upstream);
      return;
    }
    const file = join(root, normalize(path).replace(/^(\.\.[/\\])+/, ""));
    const found = existsSync(file) && statSync(file).isFile() ? file : join(root, "index.html");
    res.writeHead(200, { "content-type": contentTypes[extname(found)] ?? "application/octet-stream" });
    createReadStream(found).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
