import type { RequestListener } from "node:http";
import type { TrpcLimits } from "./limits-config.ts";

/**
 * A request that declares a body over the limit will be refused (413, by
 * whichever tRPC path serves it); its answer also closes the connection, so
 * the client's next request goes on a fresh one instead of waiting behind a
 * body nobody reads. A body that only grows past the limit as it streams is
 * caught where it is read (express-lane/request-body.ts).
 */
export function closeAfterOversizedBody(
  listener: RequestListener,
  { maxBodyBytes }: TrpcLimits,
): RequestListener {
  return (req, res) => {
    if (Number(req.headers["content-length"] ?? 0) > maxBodyBytes) res.setHeader("connection", "close");
    listener(req, res);
  };
}
