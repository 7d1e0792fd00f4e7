// A stand-in OpenTelemetry collector for the tracing rows: accepts every OTLP/HTTP export and drops it,
// so a traced server pays for building and sending its spans, not for a collector it would not run itself.
import { createServer } from "node:http";
import { serverConfig } from "./bench-config.ts";

const port = serverConfig().PORT;
const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => res.writeHead(200, { "content-type": "application/json" }).end("{}"));
});
server.listen(port, "127.0.0.1", () => {
  const address = server.address();
  console.log(
    JSON.stringify({
      url: `http://127.0.0.1:${typeof address === "object" && address ? address.port : port}`,
    }),
  );
});
