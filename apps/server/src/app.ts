import type { RequestListener, ServerResponse } from "node:http";
import { appRouter, createContext } from "@tally/api";
import {
  type CredentialVerifier,
  createCors,
  createInvoiceExportHandler,
  createInvoicePdfHandler,
  createNodeRestHandler,
  createPaymentWebhookHandler,
  createReportDownloadHandler,
  createTrpcHandler,
  type ForwardedRequest,
  healthResponse,
  isPublicAuthRequest,
  REST_BASE_PATH,
  type Runtime,
  readinessResponse,
  requestSafety,
  resolveForwardedRequest,
  serveFetch,
} from "@tally/host";
import { fromNodeHeaders, toNodeHandler } from "better-auth/node";

export type AppOptions = {
  /**
   * Without `events`, live streams answer that this host has no event hub;
   * without `apiKeys`, partner keys are neither limited nor counted (tests of other concerns).
   */
  runtime: Pick<Runtime, "db" | "auth" | "logger" | "config" | "queue"> &
    Partial<Pick<Runtime, "events" | "apiKeys">>;
  expressLane: boolean;
  /** Behind a reverse proxy that sets x-forwarded-for; otherwise the socket's address is the client's. */
  trustProxy?: boolean;
  /** Accepts calls the web app forwards (docs/extracting-the-api.md); null refuses them. */
  verifyForwarded?: CredentialVerifier | null;
};

/** The standalone host's routes: the same appRouter as the web app, plus the routes only a server needs. */
const REPORT_DOWNLOAD = /^\/reports\/([^/]+)\/download$/;
const INVOICE_PDF = /^\/invoices\/([^/]+)\/pdf$/;

export function createApp({
  runtime,
  expressLane,
  trustProxy = false,
  verifyForwarded = null,
}: AppOptions): RequestListener {
  const { db, auth, logger, config, queue, events = null, apiKeys = {} } = runtime;
  const authHandler = toNodeHandler(auth);
  const applyCors = createCors(auth.options.trustedOrigins ?? []);
  const exportInvoices = createInvoiceExportHandler({ db, auth, config: config.rules });
  const downloadReport = createReportDownloadHandler({ db, auth });
  const downloadInvoicePdf = createInvoicePdfHandler({ db, auth });
  const receivePaymentWebhook = createPaymentWebhookHandler({ db, config: config.payments, queue, events });
  const ready = () => readinessResponse(db);
  const partnerApi = createNodeRestHandler({
    db,
    auth,
    limits: config.limits,
    rules: config.rules,
    queue,
    apiKeys,
  });
  const trpc = createTrpcHandler({
    router: appRouter,
    basePath: "/trpc/",
    expressLane,
    limits: config.limits,
    createContext: ({ req }) => {
      const request = resolveForwardedRequest(fromNodeHeaders(req.headers), verifyForwarded);
      const contextFor = ({ headers, safety }: ForwardedRequest) =>
        createContext({
          db,
          auth,
          headers,
          config: config.rules,
          queue,
          events,
          apiKeys,
          safety: safety ?? requestSafety(headers, auth.options.trustedOrigins),
        });
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
    if (path.startsWith("/trpc/")) return applyCors(req, res, () => trpc(req, res));
    if (path.startsWith(`${REST_BASE_PATH}/`)) return void partnerApi(req, res);
    if (isPublicAuthRequest(req.method, path)) return applyCors(req, res, () => authHandler(req, res));
    if (path === "/invoices/export.csv") return void serveFetch(exportInvoices, req, res);
    const report = REPORT_DOWNLOAD.exec(path);
    if (report?.[1]) {
      const reportId = decodeURIComponent(report[1]);
      return void serveFetch((request) => downloadReport(request, reportId), req, res);
    }
    const invoicePdf = INVOICE_PDF.exec(path);
    if (invoicePdf?.[1]) {
      const invoiceId = decodeURIComponent(invoicePdf[1]);
      return void serveFetch((request) => downloadInvoicePdf(request, invoiceId), req, res);
    }
    if (path === "/webhooks/payments") return void serveFetch(receivePaymentWebhook, req, res);
    if (path === "/health") return void serveFetch(async () => healthResponse(), req, res);
    if (path === "/ready") return void serveFetch(ready, req, res);
    notFound(res);
  };
}

function notFound(res: ServerResponse) {
  const payload = '{"error":"Not found"}';
  res.writeHead(404, { "content-type": "application/json", "content-length": Buffer.byteLength(payload) });
  res.end(payload);
}
