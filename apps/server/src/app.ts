import type { RequestListener, ServerResponse } from "node:http";
import {
  appRouter,
  createContext,
  createInvoiceExportHandler,
  createPaymentWebhookHandler,
  defaultRulesConfig,
  logger,
  type PaymentsWebhookConfig,
  paymentsWebhookConfigFromEnv,
  type RulesConfig,
  serveFetch,
} from "@tally/api";
import {
  type CredentialVerifier,
  type ForwardedRequest,
  resolveForwardedRequest,
} from "@tally/api/forwarding";
import type { Auth } from "@tally/auth";
import { checkReadiness, type PrismaClient } from "@tally/db";
import { fromNodeHeaders, toNodeHandler } from "better-auth/node";
import { ConfigError } from "./config.ts";
import { createCors } from "./cors.ts";
import { createTrpcHandler, type TrpcLimits } from "./express-lane/index.ts";

export type AppOptions = {
  db: PrismaClient;
  auth: Auth;
  expressLane: boolean;
  limits: TrpcLimits;
  /** Behind a reverse proxy that sets x-forwarded-for; otherwise the socket's address is the client's. */
  trustProxy?: boolean;
  /** Accepts calls the web app forwards (docs/extracting-the-api.md); null refuses them. */
  verifyForwarded?: CredentialVerifier | null;
  /** The payment provider's webhook secret and tolerance; read from the environment when omitted. */
  payments?: PaymentsWebhookConfig;
  /** The rules' own settings (idempotency TTL); the defaults when omitted. */
  rules?: RulesConfig;
};

/** The standalone host: the same appRouter as the web app, plus the routes only a server needs. */
export function createApp({
  db,
  auth,
  expressLane,
  limits,
  trustProxy = false,
  verifyForwarded = null,
  payments = paymentsConfigFromEnv(),
  rules = defaultRulesConfig,
}: AppOptions): RequestListener {
  const authHandler = toNodeHandler(auth);
  const applyCors = createCors(auth.options.trustedOrigins ?? []);
  const exportInvoices = createInvoiceExportHandler({ db, auth });
  const receivePaymentWebhook = createPaymentWebhookHandler({ db, config: payments });
  const trpc = createTrpcHandler({
    router: appRouter,
    basePath: "/trpc/",
    expressLane,
    limits,
    createContext: ({ req }) => {
      const request = resolveForwardedRequest(fromNodeHeaders(req.headers), verifyForwarded);
      const contextFor = ({ headers, safety }: ForwardedRequest) =>
        createContext({ db, auth, headers, config: rules, ...(safety ? { safety } : {}) });
      // Anonymous direct calls get their context without waiting on anything.
      return request instanceof Promise ? request.then(contextFor) : contextFor(request);
    },
    onError: ({ error, path }) => {
      if (error.code === "INTERNAL_SERVER_ERROR")
        logger.error({ path, err: error.cause ?? error }, "unhandled error");
    },
  });

  return (req, res) => {
    if (!trustProxy) req.headers["x-forwarded-for"] = req.socket.remoteAddress ?? "";
    const path = req.url?.split("?", 1)[0] ?? "/";
    if (path.startsWith("/trpc/") || path.startsWith("/api/auth/")) {
      return applyCors(req, res, () => (path.startsWith("/trpc/") ? trpc(req, res) : authHandler(req, res)));
    }
    if (path === "/invoices/export.csv") return void serveFetch(exportInvoices, req, res);
    if (path === "/webhooks/payments") return void serveFetch(receivePaymentWebhook, req, res);
    if (path === "/health") return sendJson(res, 200, { status: "ok" });
    if (path === "/ready") {
      void checkReadiness(db).then((readiness) => sendJson(res, readiness.ready ? 200 : 503, readiness));
      return;
    }
    sendJson(res, 404, { error: "Not found" });
  };
}

/** A bad or missing variable stops the server with one line, like the ones config.ts reads. */
function paymentsConfigFromEnv(): PaymentsWebhookConfig {
  try {
    return paymentsWebhookConfigFromEnv();
  } catch (error) {
    throw new ConfigError(error instanceof Error ? error.message : String(error));
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  const payload = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(payload) });
  res.end(payload);
}
