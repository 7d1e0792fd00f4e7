import { type ApiKeyPolicy, jobHandlers, type Logger, logger, startWebhookRelay } from "@tally/api";
import { type Auth, createAuth } from "@tally/auth";
import { type Database, openDatabase, type PrismaClient } from "@tally/db";
import { createMailer } from "@tally/documents";
import { openQueue, type Queue, startWorkers } from "@tally/jobs";
import { openSharedState, type SharedState } from "@tally/shared-state";
import { type EventHub, openEventHub } from "../events/event-hub.ts";
import { openApiKeyPolicy } from "../rest/api-key-runtime.ts";
import { startTracing } from "../tracing/tracing.ts";
import { webhookDeliveryHandler } from "../webhooks/outgoing-webhooks.ts";
import type { HostConfig } from "./host-config.ts";

/** What a host needs to serve the rules: built once per process from validated configuration. */
export type Runtime = {
  config: HostConfig;
  db: PrismaClient;
  auth: Auth;
  logger: Logger;
  /** "postgres" (DATABASE_URL) or "embedded" (the server in TALLY_DATA_DIR). */
  databaseKind: Database["kind"];
  /** The job queue in the same database: procedures enqueue into it inside their transactions. */
  queue: Queue;
  /** What this instance shares with the others: Redis with REDIS_URL, else this process's memory. */
  sharedState: SharedState;
  /** This process's reader of the event table, woken across instances by LISTEN/NOTIFY. */
  events: EventHub;
  /** Partner keys' rate limits (over `sharedState`) and their batched usage counts. */
  apiKeys: ApiKeyPolicy;
  /** Finishes or releases the jobs this process is running, then closes its connections. */
  close(): Promise<void>;
};

export type RuntimeOptions = {
  /** Run background jobs in this process (apps/server by default, `pnpm start:worker`). */
  workers?: { concurrency: number } | false;
  /** The `service.name` of this process's spans when tracing is on (OTEL_SERVICE_NAME overrides it). */
  serviceName?: string;
};

export async function openRuntime(
  config: HostConfig,
  { workers = false, serviceName = "tally" }: RuntimeOptions = {},
): Promise<Runtime> {
  logger.level = config.logLevel;
  // Before the database opens, so Prisma's first queries are traced too; a second call keeps the first setup.
  const tracing = startTracing(config.tracing, { serviceName });
  const database = await openDatabase(config.database);
  const sharedState = await openSharedState({
    ...config.sharedState,
    // Tally carries on without Redis (each process counts alone): say so once per outage.
    onError: (error) =>
      logger.warn({ err: { message: error.message } }, "shared state unreachable: using this process's own"),
  });
  const queue = await openQueue({
    url: database.url,
    // Only a process that works the queue keeps its schedules (the daily overdue run).
    schedule: Boolean(workers),
    onError: (error) => logger.error({ err: error }, "job queue"),
  });
  const events = await openEventHub({
    db: database.prisma,
    url: database.url,
    config: config.events,
    log: logger,
  });
  const mailer = workers ? createMailer({ smtpUrl: config.mail.smtpUrl }) : null;
  if (workers && mailer) {
    const email = { mailer, fromAddress: config.mail.fromAddress, appUrl: config.auth.baseURL };
    const handlers = jobHandlers({
      db: database.prisma,
      log: logger,
      email,
      queue,
      events,
      reminderIntervalMs: config.rules.reminderIntervalMs,
    });
    const deliverWebhook = webhookDeliveryHandler({
      db: database.prisma,
      config: config.rules.webhooks,
      log: logger,
    });
    await startWorkers(
      queue,
      { ...handlers, "webhooks.deliver": deliverWebhook },
      {
        concurrency: workers.concurrency,
      },
    );
  }
  // Workers also turn new events into webhook deliveries (one relay at a time across processes).
  const stopRelay = workers ? startWebhookRelay({ db: database.prisma, queue, log: logger }) : null;
  const apiKeys = openApiKeyPolicy(sharedState, database.prisma, { logger });
  return {
    config,
    apiKeys,
    db: database.prisma,
    auth: createAuth({ prisma: database.prisma, config: config.auth, sharedState }),
    logger,
    databaseKind: database.kind,
    queue,
    sharedState,
    events,
    async close() {
      await stopRelay?.();
      await queue.stop({ graceful: true, timeoutMs: 10_000 });
      await events.close();
      // The last interval's usage counts, before the database closes.
      await apiKeys.close();
      mailer?.close();
      await sharedState.close();
      await database.close();
      await tracing?.shutdown();
    },
  };
}
