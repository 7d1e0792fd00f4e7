import type { IncomingMessage, ServerResponse } from "node:http";
import { TRPCError } from "@trpc/server";

/** The body's bytes, or why there are none; never rejects, because nothing may read it. */
export type BodyResult = Buffer | Error;

/**
 * Collects the body from the moment the request arrives, as tRPC's Node adapter
 * does, and stops at the size limit with the adapter's PAYLOAD_TOO_LARGE. The
 * failure is a value: the adapter reports it only when a procedure reads its input.
 * Past the limit the answer closes the connection (limits/), as on the fetch path.
 */
export function collectBody(
  req: IncomingMessage,
  res: ServerResponse,
  maxBytes: number,
): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: BodyResult) => {
      req.off("data", onData).off("end", onEnd).off("error", onError).off("close", onClose);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
      else {
        finish(new TRPCError({ code: "PAYLOAD_TOO_LARGE" }));
        if (!res.headersSent) res.setHeader("connection", "close");
        req.resume(); // discard what arrives until the answer is out and the connection closes
      }
    };
    const onEnd = () => finish(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    const onError = (error: Error) => finish(error);
    const onClose = () => finish(new Error("The request was closed before its body arrived"));
    req.on("data", onData).on("end", onEnd).on("error", onError).on("close", onClose);
  });
}
