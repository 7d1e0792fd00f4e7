/**
 * Emails through the queue to a real SMTP server started by the test: an
 * issued invoice sends one message to the customer with its PDF; a refusal
 * is retried and the message arrives once; a permanent refusal is recorded
 * and shown; a rolled-back issue sends nothing; and every email sent has an
 * audit row with its recipient and kind, never its body.
 */
import { createMailer } from "@tally/documents";
import { startTestSmtp, type TestSmtp } from "@tally/documents/testing";
import { openQueue, type Queue, startWorkers } from "@tally/jobs";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, expect, test } from "vitest";
import { jobHandlers } from "../../jobs.ts";
import { logger } from "../../logger.ts";
import { createTestApi, type TestApi } from "../../testing/index.ts";
import { billingOrganisation, receivePayment } from "../invoices/invoices.fixtures.ts";
import { markOverdueInvoices } from "../invoices/mark-overdue.ts";
import { queueDueReminders } from "./reminders.ts";
import { sendQueuedEmail } from "./send-email.ts";

let api: TestApi;
let smtp: TestSmtp;
let worker: Queue;
const mailer = { close() {} } as ReturnType<typeof createMailer>;

beforeAll(async () => {
  [api, smtp] = await Promise.all([createTestApi(), startTestSmtp()]);
  Object.assign(mailer, createMailer({ smtpUrl: smtp.url }));
  worker = await openQueue({ url: api.url });
  const email = { mailer, fromAddress: "no-reply@tally.test", appUrl: "http://127.0.0.1:3000" };
  await startWorkers(worker, jobHandlers({ db: api.db, log: logger, email }), {
    pollingIntervalSeconds: 0.5,
  });
});
afterAll(async () => {
  await worker?.stop({ graceful: false });
  mailer.close();
  await smtp?.stop();
  await api?.close();
});

async function organisationWithCustomerEmail(name: string, email: string) {
  const org = await billingOrganisation(api, name);
  await org.caller.customers.update({
    id: org.customer.id,
    version: org.customer.version,
    patch: { email },
  });
  return org;
}

const delivered = (to: string) =>
  smtp.received.filter((mail) => mail.to && "text" in mail.to && mail.to.text === to);
const statusOf = async (invoiceId: string) =>
  api.db.emailMessage.findMany({
    where: { invoiceId },
    select: { status: true, attempts: true, failureReason: true },
  });

test("issuing an invoice sends the customer one message with the invoice's PDF attached", async () => {
  const org = await organisationWithCustomerEmail("Mail Acme", "ap@customer-one.test");
  await org.caller.org.settings.update({
    senderName: "Mail Acme Trading",
    replyTo: "billing@mail-acme.test",
  });
  const invoice = await org.issuedInvoice({ quantity: 4 });

  await expect.poll(() => delivered("ap@customer-one.test").length, { timeout: 15_000 }).toBe(1);
  const [mail] = delivered("ap@customer-one.test");
  const title = `Invoice ${String(invoice.number).padStart(5, "0")}`;
  expect(mail?.subject).toBe(`${title} from Mail Acme Trading`);
  expect(mail?.from?.value).toEqual([{ name: "Mail Acme Trading", address: "no-reply@tally.test" }]);
  expect(mail?.replyTo?.text).toBe("billing@mail-acme.test");
  expect(mail?.text).toContain("US$40.00");
  const [attachment] = mail?.attachments ?? [];
  expect(attachment?.filename).toBe(`${title.replace(" ", "-").toLowerCase()}.pdf`);
  const pdf = await getDocumentProxy(new Uint8Array(attachment?.content ?? []));
  const text = (await extractText(pdf, { mergePages: true })).text.replace(/\s+/g, " ");
  for (const expected of [title, "Mail Acme customer", "Widget", "Total US$40.00"])
    expect(text).toContain(expected);

  await expect
    .poll(() => statusOf(invoice.id))
    .toEqual([{ status: "sent", attempts: 1, failureReason: null }]);
  const audit = await api.db.auditEvent.findMany({
    where: { organizationId: org.id, action: "email.sent" },
    select: { targetType: true, targetId: true, details: true },
  });
  expect(audit).toEqual([
    {
      targetType: "invoice",
      targetId: invoice.id,
      details: { kind: "invoice", recipient: "ap@customer-one.test" },
    },
  ]);
});

test("a refusal by the mail server is retried, and the customer gets exactly one message", async () => {
  const org = await organisationWithCustomerEmail("Mail Retry", "ap@customer-two.test");
  smtp.refuseNext(1, 451);
  const invoice = await org.issuedInvoice();
  await expect
    .poll(() => statusOf(invoice.id), { timeout: 30_000, interval: 250 })
    .toEqual([{ status: "sent", attempts: 2, failureReason: null }]);
  expect(delivered("ap@customer-two.test")).toHaveLength(1);
});

test("a permanent refusal marks the email failed with the server's reason, which the invoice shows", async () => {
  const org = await organisationWithCustomerEmail("Mail Bounce", "nobody@customer-three.test");
  smtp.refuseNext(1, 550);
  const invoice = await org.issuedInvoice();
  await expect
    .poll(() => statusOf(invoice.id), { timeout: 15_000, interval: 250 })
    .toEqual([{ status: "failed", attempts: 1, failureReason: expect.stringMatching(/^550 /) }]);
  expect(delivered("nobody@customer-three.test")).toHaveLength(0);
  const shown = await org.caller.invoices.get({ id: invoice.id });
  expect(shown.emailMessages).toEqual([
    expect.objectContaining({ kind: "invoice", status: "failed", recipient: "nobody@customer-three.test" }),
  ]);
});

test("an issue whose transaction rolls back at commit sends nothing: no invoice, no email row, no job, no message", async () => {
  const org = await organisationWithCustomerEmail("Mail Rollback", "ap@customer-four.test");
  // A deferred check that refuses, at commit, invoices of orders marked for it: the issue does all its
  // work (number, invoice, email row, job) and then the whole transaction rolls back.
  await api.db.$executeRawUnsafe(`
    CREATE OR REPLACE FUNCTION refuse_marked_invoice() RETURNS trigger AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM "order" WHERE id = NEW."orderId" AND note = 'refuse at commit') THEN
        RAISE EXCEPTION 'refused at commit by the test';
      END IF;
      RETURN NULL;
    END $$ LANGUAGE plpgsql`);
  await api.db.$executeRawUnsafe(`
    CREATE CONSTRAINT TRIGGER refuse_marked_invoice AFTER INSERT ON invoice
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse_marked_invoice()`);
  const order = await org.placedOrder();
  await api.db.order.update({ where: { id: order.id }, data: { note: "refuse at commit" } });
  const jobs = () =>
    api.db.$queryRaw<[{ n: number }]>`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'emails.send'`;
  const [jobsBefore] = await jobs();

  await expect(org.caller.invoices.issue({ orderId: order.id })).rejects.toThrow();
  expect(await api.db.invoice.count({ where: { orderId: order.id } })).toBe(0);
  expect(await api.db.emailMessage.count({ where: { organizationId: org.id } })).toBe(0);
  expect((await jobs())[0].n).toBe(jobsBefore.n);
  await new Promise((resolve) => setTimeout(resolve, 1_500)); // a worker polls every 0.5 s: give it the chance to be wrong
  expect(delivered("ap@customer-four.test")).toHaveLength(0);
});

test("a customer without an email address gets no message, and nothing is queued", async () => {
  const org = await billingOrganisation(api, "Mail Nobody");
  const invoice = await org.issuedInvoice();
  expect(await statusOf(invoice.id)).toEqual([]);
});

test("the daily run reminds each overdue invoice once per interval, and each message names only its own invoice", async () => {
  const acme = await organisationWithCustomerEmail("Mail Overdue", "ap@overdue-acme.test");
  const rival = await organisationWithCustomerEmail("Mail Overdue Rival", "ap@overdue-rival.test");
  const late = await acme.issuedInvoice({ quantity: 2 });
  const rivalLate = await rival.issuedInvoice({ quantity: 5 });
  const notDue = await acme.issuedInvoice();
  await api.db.invoice.updateMany({
    where: { id: { in: [late.id, rivalLate.id] } },
    data: { dueAt: new Date(Date.now() - 3 * 86_400_000) },
  });
  const interval = { intervalMs: 7 * 86_400_000 };
  await markOverdueInvoices(api.db);
  await queueDueReminders(api.db, api.queue, interval);
  await markOverdueInvoices(api.db);
  await queueDueReminders(api.db, api.queue, interval);

  const reminders = await api.db.emailMessage.findMany({
    where: { kind: "reminder", organizationId: { in: [acme.id, rival.id] } },
    select: { invoiceId: true, recipient: true },
  });
  expect(reminders.sort((a, b) => a.recipient.localeCompare(b.recipient))).toEqual([
    { invoiceId: late.id, recipient: "ap@overdue-acme.test" },
    { invoiceId: rivalLate.id, recipient: "ap@overdue-rival.test" },
  ]);
  expect(reminders.map((reminder) => reminder.invoiceId)).not.toContain(notDue.id);

  await expect
    .poll(
      () => delivered("ap@overdue-acme.test").filter((mail) => mail.subject?.startsWith("Reminder")).length,
      {
        timeout: 15_000,
      },
    )
    .toBe(1);
  const [mail] = delivered("ap@overdue-acme.test").filter((m) => m.subject?.startsWith("Reminder"));
  expect(mail?.text).toContain("US$20.00");
  expect(mail?.text).not.toContain("US$50.00");
  expect(mail?.subject).toContain(`Invoice ${String(late.number).padStart(5, "0")}`);

  // A week later it is due again.
  await queueDueReminders(api.db, api.queue, { ...interval, now: new Date(Date.now() + 8 * 86_400_000) });
  expect(await api.db.emailMessage.count({ where: { kind: "reminder", invoiceId: late.id } })).toBe(2);
});

test("a payment that settles an invoice sends the customer a receipt", async () => {
  const org = await organisationWithCustomerEmail("Mail Receipt", "ap@receipt.test");
  const invoice = await org.issuedInvoice({ quantity: 3 });
  await receivePayment(api, invoice.id, 1_000);
  await receivePayment(api, invoice.id, 2_000);
  await expect
    .poll(() => delivered("ap@receipt.test").filter((mail) => mail.subject?.startsWith("Receipt")).length, {
      timeout: 15_000,
    })
    .toBe(1);
  expect(await api.db.emailMessage.count({ where: { kind: "receipt", invoiceId: invoice.id } })).toBe(1);
});

test("an invitation emails the invitee a link that opens it", async () => {
  const org = await api.organisation("Mail Invites");
  const invitation = await org.caller.org.invitations.create({
    email: "newcomer@invites.test",
    role: "member",
  });
  await expect.poll(() => delivered("newcomer@invites.test").length, { timeout: 15_000 }).toBe(1);
  const [mail] = delivered("newcomer@invites.test");
  expect(mail?.subject).toMatch(/invited you to Mail Invites on Tally$/);
  expect(mail?.text).toContain(`http://127.0.0.1:3000/invitations/${invitation.id}`);
  expect(mail?.attachments).toEqual([]);
  // The server has the message before the worker records that it sent it.
  const audit = () =>
    api.db.auditEvent.findMany({
      where: { organizationId: org.id, action: { in: ["invitation.created", "email.sent"] } },
      select: { action: true, targetId: true },
      orderBy: [{ createdAt: "asc" }, { action: "desc" }],
    });
  await expect.poll(audit, { timeout: 5_000 }).toEqual([
    { action: "invitation.created", targetId: invitation.id },
    { action: "email.sent", targetId: invitation.id },
  ]);
});

test("without SMTP the development outbox keeps each message; an admin previews it, another organisation cannot", async () => {
  // A customer without an address queues nothing; the test records the email itself and sends it through
  // an outbox mailer, as a worker on a host without SMTP_URL would.
  const org = await billingOrganisation(api, "Mail Outbox");
  const invoice = await org.issuedInvoice({ quantity: 2 });
  const queued = await api.db.emailMessage.create({
    data: {
      organizationId: org.id,
      kind: "invoice",
      recipient: "ap@outbox.test",
      subject: "Outbox test",
      invoiceId: invoice.id,
    },
  });
  const outbox = {
    mailer: createMailer({}),
    fromAddress: "no-reply@tally.test",
    appUrl: "http://127.0.0.1:3000",
  };
  const before = smtp.received.length;
  await expect(
    sendQueuedEmail(api.db, outbox, { organizationId: org.id, messageId: queued.id }, { lastTry: false }),
  ).resolves.toBe("sent");
  expect(smtp.received.length).toBe(before);

  const preview = await org.caller.emails.preview({ id: queued.id });
  expect(preview).toMatchObject({
    kind: "invoice",
    recipient: "ap@outbox.test",
    status: "sent",
    message: {
      to: "ap@outbox.test",
      text: expect.stringContaining("US$20.00"),
      attachments: [expect.objectContaining({ fileName: expect.stringMatching(/^invoice-\d{5}\.pdf$/) })],
    },
  });
  const page = await org.caller.emails.list({});
  expect(page.items.map((email) => email.id)).toEqual([queued.id]);
  expect(JSON.stringify(page)).not.toContain("US$20.00");

  const rival = await api.organisation("Mail Outbox Rival");
  await expect(rival.caller.emails.preview({ id: queued.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  expect((await rival.caller.emails.list({})).items).toEqual([]);
});
