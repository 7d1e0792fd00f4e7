// The baseline: node:http doing the same work as health.ping by hand — parse
// the query string, validate with zod, answer in tRPC's superjson envelope.
import { createServer } from "node:http";
import { pingInput } from "@tally/validators";
import { serverConfig } from "./bench-config.ts";

const port = serverConfig().PORT;
const server = createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://localhost");
  if (url.pathname !== "/trpc/health.ping") {
    res.writeHead(404).end();
    return;
  }
  const raw = url.searchParams.get("input");
  const parsed = pingInput.safeParse(raw ? (JSON.parse(raw) as { json?: unknown }).json : undefined);
  if (!parsed.success) {
    res.writeHead(400, { "content-type": "application/json" }).end('{"error":"bad input"}');
    return;
  }
  const body = JSON.stringify({ result: { data: { json: { pong: true, echo: parsed.data.echo ?? null } } } });
  // With the length known, node:http sends head and body in one write (as the express lane does).
  res
    .writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) })
    .end(body);
});
server.listen(port, "127.0.0.1", () => {
  const address = server.address();
  console.log(
    JSON.stringify({
      url: `http://127.0.0.1:${typeof address === "object" && address ? address.port : port}`,
    }),
  );
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
