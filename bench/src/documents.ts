// `pnpm --filter @tally/bench bench:documents` (and the last part of `pnpm bench`):
// how long an invoice PDF takes to render, and how many emails per second one
// worker sends through the queue to an SMTP server on this machine, each beside
// a baseline measured in the same run. Writes results/documents.md.
import { writeFileSync } from "node:fs";
import { jobHandlers, logger } from "@tally/api";
import { openDatabase } from "@tally/db";
import { DEMO_ORGANIZATION_ID } from "@tally/db/seed";
import { createMailer, type InvoiceDocument, renderInvoicePdf } from "@tally/documents";
import { startTestSmtp } from "@tally/documents/testing";
import { enqueueAny, openQueue, startWorkers } from "@tally/jobs";
import { runConfig } from "./bench-config.ts";
import { prepareBenchDatabase } from "./database.ts";
import { currentLoad, describeMachine } from "./machine.ts";

const RENDERS = 60;
const EMAILS = 200;

const invoiceWith = (lines: number): InvoiceDocument => ({
  number: 1234,
  currency: "EUR",
  issuedAt: new Date("2026-11-01T10:00:00Z"),
  dueAt: new Date("2026-12-01T10:00:00Z"),
  seller: {
    name: "Bench Supplies",
    postalAddress: "1 Bench Road",
    replyTo: "",
    paymentInstructions: "IBAN 0000",
  },
  customer: { name: "Bench Customer", email: "ap@bench.test", address: "2 Load Street" },
  lines: Array.from({ length: lines }, (_, index) => ({
    sku: `SKU-${index}`,
    name: `Item number ${index}`,
    quantity: index + 1,
    unitPriceMinor: 1_000,
    lineTotalMinor: (index + 1) * 1_000,
  })),
  subtotalMinor: 0,
  taxRateBasisPoints: 2_000,
  taxMinor: 0,
  totalMinor: 0,
  payments: [],
});

async function renderTimes(lines: number) {
  const document = invoiceWith(lines);
  for (let warm = 0; warm < 5; warm++) await renderInvoicePdf(document);
  const times: number[] = [];
  let bytes = 0;
  for (let run = 0; run < RENDERS; run++) {
    const started = performance.now();
    bytes = (await renderInvoicePdf(document)).length;
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { lines, p50: times[RENDERS / 2] ?? 0, p95: times[Math.floor(RENDERS * 0.95)] ?? 0, bytes };
}

/** Emails with the invoice's PDF attached, sent by one worker through the queue, against nodemailer sending them directly. */
async function emailRates() {
  const databaseUrl = await prepareBenchDatabase(runConfig().BENCH_DATABASE_URL, "tally_bench_documents");
  const database = await openDatabase({ kind: "postgres", url: databaseUrl, poolSize: 10 });
  const smtp = await startTestSmtp();
  const mailer = createMailer({ smtpUrl: smtp.url });
  const queue = await openQueue({ url: databaseUrl });
  try {
    const { prisma } = database;
    const invoiceId = await benchInvoice(prisma);

    // Baseline: the same messages, rendered and sent one after another with no queue or database in between.
    const document = invoiceWith(1);
    const directStarted = performance.now();
    for (let index = 0; index < EMAILS; index++) {
      const pdf = await renderInvoicePdf(document);
      await mailer.send({
        messageId: `<direct-${index}@bench>`,
        from: { name: "Bench", address: "no-reply@bench.test" },
        to: "ap@bench.test",
        subject: "Direct",
        text: "Invoice attached",
        html: "<p>Invoice attached</p>",
        attachments: [{ filename: "invoice.pdf", content: pdf, contentType: "application/pdf" }],
      });
    }
    const directPerSecond = EMAILS / ((performance.now() - directStarted) / 1000);

    const received = smtp.received.length;
    const queuedStarted = performance.now();
    await prisma.$transaction(async (tx) => {
      for (let index = 0; index < EMAILS; index++) {
        const { id } = await tx.emailMessage.create({
          data: {
            organizationId: DEMO_ORGANIZATION_ID,
            kind: "invoice",
            recipient: "ap@bench.test",
            subject: "Queued",
            invoiceId,
          },
          select: { id: true },
        });
        await enqueueAny(queue, tx, "emails.send", { organizationId: DEMO_ORGANIZATION_ID, messageId: id });
      }
    });
    const email = { mailer, fromAddress: "no-reply@bench.test", appUrl: "http://127.0.0.1:3000" };
    await startWorkers(queue, jobHandlers({ db: prisma, log: logger, email }), {
      concurrency: 4,
      pollingIntervalSeconds: 0.5,
    });
    while (smtp.received.length - received < EMAILS) await new Promise((resolve) => setTimeout(resolve, 20));
    const queuedPerSecond = EMAILS / ((performance.now() - queuedStarted) / 1000);
    return { directPerSecond, queuedPerSecond };
  } finally {
    await queue.stop({ graceful: false });
    mailer.close();
    await smtp.stop();
    await database.close();
  }
}

async function benchInvoice(prisma: Awaited<ReturnType<typeof openDatabase>>["prisma"]) {
  const customer = await prisma.customer.create({
    data: { organizationId: DEMO_ORGANIZATION_ID, name: "Bench mail customer", email: "ap@bench.test" },
  });
  const product = await prisma.product.findFirstOrThrow({ where: { organizationId: DEMO_ORGANIZATION_ID } });
  const order = await prisma.order.create({
    data: {
      organizationId: DEMO_ORGANIZATION_ID,
      customerId: customer.id,
      status: "placed",
      currency: product.currency,
      subtotalMinor: product.priceMinor * 10,
      totalMinor: product.priceMinor * 10,
      lines: {
        create: {
          organizationId: DEMO_ORGANIZATION_ID,
          productId: product.id,
          sku: product.sku,
          productName: product.name,
          unitPriceMinor: product.priceMinor,
          quantity: 10,
          lineTotalMinor: product.priceMinor * 10,
        },
      },
    },
  });
  const invoice = await prisma.invoice.create({
    data: {
      organizationId: DEMO_ORGANIZATION_ID,
      orderId: order.id,
      number: 1,
      currency: product.currency,
      totalMinor: order.totalMinor,
      dueAt: new Date(Date.now() + 30 * 86_400_000),
    },
  });
  return invoice.id;
}

logger.level = "silent";
const loadBefore = currentLoad();
const [one, fifty] = [await renderTimes(1), await renderTimes(50)];
const emails = await emailRates();
const report = [
  `# Documents: invoice PDFs and emails, ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`,
  "",
  `${describeMachine("in-process").cpu}, Node ${process.version}; 1-minute load ${loadBefore.toFixed(2)} before, ${currentLoad().toFixed(2)} after.`,
  "",
  "| PDF | p50 ms | p95 ms | bytes |",
  "| --- | ---: | ---: | ---: |",
  `| 1 line (baseline) | ${one.p50.toFixed(1)} | ${one.p95.toFixed(1)} | ${one.bytes} |`,
  `| 50 lines | ${fifty.p50.toFixed(1)} | ${fifty.p95.toFixed(1)} | ${fifty.bytes} |`,
  "",
  `50 lines cost ${(fifty.p50 / one.p50).toFixed(2)}× one line (p50), ${RENDERS} renders each after 5 warm-ups.`,
  "",
  "| emails with a PDF to a local SMTP server | per second |",
  "| --- | ---: |",
  `| nodemailer directly, one after another (baseline) | ${emails.directPerSecond.toFixed(1)} |`,
  `| through the queue: ${EMAILS} queued in one transaction, one worker (4 at a time) | ${emails.queuedPerSecond.toFixed(1)} |`,
  "",
  `The queue delivers ${(emails.queuedPerSecond / emails.directPerSecond).toFixed(2)}× the direct rate: each queued email also reads its rows, renders its PDF and records its outcome and audit row.`,
  "",
].join("\n");
writeFileSync(new URL("../results/documents.md", import.meta.url), report);
console.log(report);
