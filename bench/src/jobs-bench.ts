// Issue 13: background jobs on PostgreSQL. One worker process (as
// `pnpm start:worker` runs it) processes no-op jobs and small sales reports;
// orders.place runs with and without an enqueue in its transaction; and one
// sales report covers 200,000 orders, with the worker's own peak memory.
import { type ChildProcess, fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createCaller, createContext, logger } from "@tally/api";
import { createAuth } from "@tally/auth";
import { openDatabase, type PrismaClient } from "@tally/db";
import { enqueue, enqueueAny, openQueue, type Queue } from "@tally/jobs";
import type { WorkerReply, WorkerRequest } from "./job-worker-process.ts";
import { BENCH_ENQUEUED, BENCH_NOOP, benchCatalogue } from "./jobs-catalogue.ts";
import {
  BIG_REPORT_ORDERS,
  REPORT_FROM,
  REPORT_TO,
  seedBigReportOrganisation,
  seedDrafts,
  seedSmallReportOrganisations,
} from "./jobs-seed.ts";

export type JobsResult = {
  noop: { jobs: number; seconds: number; jobsPerSecond: number };
  smallReports: {
    jobs: number;
    organisations: number;
    ordersEach: number;
    seconds: number;
    jobsPerSecond: number;
  };
  place: {
    clients: number;
    rounds: Record<PlaceVariant, number>[];
    /** Orders/s with the enqueue before the stock lock, over without. */
    ratio: number;
    /** Orders/s with the enqueue after placing (the product's row lock held through it), over without. */
    ratioAfter: number;
  };
  bigReport: { orders: number; groups: number; wallSeconds: number; idleRssMb: number; peakRssMb: number };
};

const NOOP_JOBS = 1_000;
const SMALL_REPORTS_PER_ORGANISATION = 25;
const SMALL_REPORT_ORGANISATIONS = 4;
const SMALL_REPORT_ORDERS = 100;
const PLACE_CLIENTS = 10;
const PLACE_ROUNDS = 6;
const PLACE_ROUND_MS = 1_500;

const silent = logger.child({}, { level: "silent" });
const MB = 1024 * 1024;

export async function measureJobs(databaseUrl: string, log: (message: string) => void): Promise<JobsResult> {
  const database = await openDatabase({ kind: "postgres", url: databaseUrl, poolSize: PLACE_CLIENTS + 2 });
  const { prisma } = database;
  const queue = await openQueue({ url: databaseUrl, catalogue: benchCatalogue });
  try {
    log(
      `jobs: seeding ${BIG_REPORT_ORDERS.toLocaleString("en")} orders and the small reports' organisations`,
    );
    const small = await seedSmallReportOrganisations(prisma, SMALL_REPORT_ORGANISATIONS, SMALL_REPORT_ORDERS);
    const big = await seedBigReportOrganisation(prisma);

    log("jobs: orders.place with and without an enqueue in its transaction");
    const place = await measurePlace(prisma, queue);

    const worker = await startWorker(databaseUrl);
    try {
      log("jobs: no-op jobs through one worker");
      const noop = await measureNoops(prisma, queue, worker);
      log("jobs: small sales reports through one worker");
      const smallReports = await measureSmallReports(prisma, queue, small);
      log(`jobs: one sales report over ${BIG_REPORT_ORDERS.toLocaleString("en")} orders`);
      const bigReport = await measureBigReport(prisma, queue, worker, big);
      return { noop, smallReports, place, bigReport };
    } finally {
      await worker.stop();
    }
  } finally {
    await queue.stop({ graceful: false });
    await database.close();
  }
}

type Worker = {
  ask(request: WorkerRequest): void;
  next(type: WorkerReply["type"]): Promise<WorkerReply>;
  stop(): Promise<void>;
};

async function startWorker(databaseUrl: string): Promise<Worker> {
  const child: ChildProcess = fork(new URL("./job-worker-process.ts", import.meta.url), [databaseUrl], {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, LOG_LEVEL: "warn" },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const waiting: { type: WorkerReply["type"]; resolve: (reply: WorkerReply) => void }[] = [];
  child.on("message", (reply: WorkerReply) => {
    const index = waiting.findIndex((entry) => entry.type === reply.type);
    if (index >= 0) waiting.splice(index, 1)[0]?.resolve(reply);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const worker: Worker = {
    ask: (request) => child.send(request),
    next: (type) => new Promise((resolve) => waiting.push({ type, resolve })),
    async stop() {
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    },
  };
  const failed = new Promise<never>((_, reject) =>
    child.once("exit", (code) => reject(new Error(`the bench worker exited (${code})`))),
  );
  await Promise.race([worker.next("ready"), failed]);
  failed.catch(() => {}); // a later exit is the stop asked for
  return worker;
}

/** Every job committed at once, so the clock measures the worker, not the enqueuing. */
async function measureNoops(prisma: PrismaClient, queue: Queue, worker: Worker) {
  worker.ask({ type: "count-noops", target: NOOP_JOBS });
  const done = worker.next("noops-done");
  await prisma.$transaction(
    async (tx) => {
      for (let n = 0; n < NOOP_JOBS; n++) await enqueueAny(queue, tx, BENCH_NOOP, { n });
    },
    { timeout: 120_000 },
  );
  const started = performance.now();
  await done;
  const seconds = (performance.now() - started) / 1000;
  return { jobs: NOOP_JOBS, seconds, jobsPerSecond: NOOP_JOBS / seconds };
}

async function measureSmallReports(
  prisma: PrismaClient,
  queue: Queue,
  organisations: { id: string; requesterId: string }[],
) {
  const ids = await prisma.$transaction(
    async (tx) => {
      const created: string[] = [];
      for (let n = 0; n < SMALL_REPORTS_PER_ORGANISATION; n++)
        for (const org of organisations) {
          const { id } = await tx.reportRun.create({
            data: {
              organizationId: org.id,
              requestedById: org.requesterId,
              kind: "sales",
              groupBy: "day",
              from: REPORT_FROM,
              to: REPORT_TO,
            },
            select: { id: true },
          });
          await enqueue(
            queue,
            tx,
            "reports.run",
            { organizationId: org.id, reportId: id },
            { organizationId: org.id },
          );
          created.push(id);
        }
      return created;
    },
    { timeout: 120_000 },
  );
  const started = performance.now();
  await until(
    async () => (await prisma.reportRun.count({ where: { id: { in: ids }, status: "done" } })) === ids.length,
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    jobs: ids.length,
    organisations: organisations.length,
    ordersEach: SMALL_REPORT_ORDERS,
    seconds,
    jobsPerSecond: ids.length / seconds,
  };
}

async function measureBigReport(
  prisma: PrismaClient,
  queue: Queue,
  worker: Worker,
  org: { id: string; requesterId: string },
) {
  worker.ask({ type: "reset-peak" });
  const idle = await worker.next("memory");
  const { id } = await prisma.$transaction(async (tx) => {
    const run = await tx.reportRun.create({
      data: {
        organizationId: org.id,
        requestedById: org.requesterId,
        kind: "sales",
        groupBy: "product",
        from: REPORT_FROM,
        to: REPORT_TO,
      },
      select: { id: true },
    });
    await enqueue(
      queue,
      tx,
      "reports.run",
      { organizationId: org.id, reportId: run.id },
      { organizationId: org.id },
    );
    return run;
  });
  await until(
    async () =>
      (await prisma.reportRun.findUniqueOrThrow({ where: { id } })).status !== "queued" &&
      (await prisma.reportRun.findUniqueOrThrow({ where: { id } })).status !== "running",
    300_000,
  );
  worker.ask({ type: "memory" });
  const after = await worker.next("memory");
  const run = await prisma.reportRun.findUniqueOrThrow({
    where: { id },
    select: {
      status: true,
      rowsDone: true,
      startedAt: true,
      finishedAt: true,
      file: { select: { rows: true } },
    },
  });
  if (run.status !== "done" || !run.startedAt || !run.finishedAt)
    throw new Error(`the big report ended ${run.status}, not done`);
  if (idle.type !== "memory" || after.type !== "memory")
    throw new Error("the worker did not report its memory");
  return {
    orders: run.rowsDone,
    groups: run.file?.rows ?? 0,
    // Claimed to written, as the worker recorded it.
    wallSeconds: (run.finishedAt.getTime() - run.startedAt.getTime()) / 1000,
    idleRssMb: idle.rssBytes / MB,
    peakRssMb: after.peakBytes / MB,
  };
}

/**
 * The procedure itself, called in-process as a host would, inside a
 * transaction this bench opens (the rules join an open transaction), without
 * an enqueue, with one enqueued first (before placing takes the product's row
 * lock, where decision 016 puts writes that go with placing), and with one
 * enqueued after placing (the lock held through it). The variants alternate
 * in short rounds (A B C, then C B A), so drift on a shared machine hits all
 * alike.
 */
async function measurePlace(prisma: PrismaClient, queue: Queue) {
  const auth = createAuth({ prisma });
  const stamp = randomBytes(4).toString("hex");
  const { token } = await auth.api.signUpEmail({
    body: { email: `place-${stamp}@bench.test`, password: "bench-place-password", name: "Bench placer" },
  });
  if (!token) throw new Error("bench sign-up returned no token");
  const headers = new Headers({ authorization: `Bearer ${token}` });
  const safety = { credential: "bearer" as const, crossSite: false };
  const owner = createCaller(async () => ({
    ...(await createContext({ db: prisma, auth, headers, safety })),
    log: silent,
  }));
  const org = await owner.org.create({ name: "Bench placing", slug: `bench-place-${stamp}` });
  const rounds: Record<PlaceVariant, number>[] = [];
  for (let round = 0; round < PLACE_ROUNDS; round++) {
    const order = round % 2 === 0 ? PLACE_VARIANTS : [...PLACE_VARIANTS].reverse();
    const result: Partial<Record<PlaceVariant, number>> = {};
    for (const variant of order) result[variant] = await placeFor(variant);
    rounds.push(result as Record<PlaceVariant, number>);
  }
  const total = (key: PlaceVariant) => rounds.reduce((sum, round) => sum + round[key], 0);
  return {
    clients: PLACE_CLIENTS,
    rounds,
    ratio: total("enqueueFirst") / total("without"),
    ratioAfter: total("enqueueAfter") / total("without"),
  };

  async function placeFor(variant: PlaceVariant): Promise<number> {
    const drafts = await seedDrafts(prisma, org.id, 3_000);
    const base = await createContext({ db: prisma, auth, headers, safety });
    let placed = 0;
    const started = performance.now();
    const deadline = started + PLACE_ROUND_MS;
    await Promise.all(
      Array.from({ length: PLACE_CLIENTS }, async () => {
        for (let orderId = drafts.pop(); orderId && performance.now() < deadline; orderId = drafts.pop()) {
          await prisma.$transaction(async (tx) => {
            const caller = createCaller({ ...base, log: silent, db: tx, transactionStarter: null });
            const job = { organizationId: org.id, orderId };
            if (variant === "enqueueFirst") await enqueueAny(queue, tx, BENCH_ENQUEUED, job);
            await caller.orders.place({ orderId });
            if (variant === "enqueueAfter") await enqueueAny(queue, tx, BENCH_ENQUEUED, job);
          });
          placed++;
        }
      }),
    );
    if (drafts.length === 0) throw new Error("the bench ran out of drafts: prepare more");
    return placed / ((performance.now() - started) / 1000);
  }
}

export type PlaceVariant = "without" | "enqueueFirst" | "enqueueAfter";
const PLACE_VARIANTS: PlaceVariant[] = ["without", "enqueueFirst", "enqueueAfter"];

async function until(done: () => Promise<boolean>, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
