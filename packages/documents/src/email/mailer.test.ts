import { simpleParser } from "mailparser";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startTestSmtp, type TestSmtp } from "../testing/smtp-server.ts";
import { createMailer, type OutgoingEmail } from "./mailer.ts";
import { invitationEmail } from "./templates.ts";

let smtp: TestSmtp;
beforeAll(async () => {
  smtp = await startTestSmtp();
});
afterAll(() => smtp?.stop());

const message = (to: string): OutgoingEmail => ({
  messageId: `<${to}@tally.test>`,
  from: { name: "Acme <Trading>", address: "no-reply@tally.test" },
  replyTo: "billing@acme.test",
  to,
  ...invitationEmail({
    organizationName: "Acme & Co",
    inviterName: "Alice",
    role: "member",
    link: "http://127.0.0.1:3000/invitations/inv_1",
  }),
  attachments: [
    { filename: "invoice-00001.pdf", content: Buffer.from("%PDF-1.3 test"), contentType: "application/pdf" },
  ],
});

test("over SMTP: the server receives the message with its text and HTML parts, sender, reply-to and attachment", async () => {
  const mailer = createMailer({ smtpUrl: smtp.url });
  await expect(mailer.send(message("bob@example.test"))).resolves.toEqual({ ok: true, raw: null });
  const mail = smtp.received.at(-1);
  expect(mail?.to).toMatchObject({ text: "bob@example.test" });
  expect(mail?.from?.value).toEqual([{ name: "Acme <Trading>", address: "no-reply@tally.test" }]);
  expect(mail?.replyTo?.text).toBe("billing@acme.test");
  expect(mail?.subject).toBe("Alice invited you to Acme & Co on Tally");
  expect(mail?.text).toContain("http://127.0.0.1:3000/invitations/inv_1");
  expect(mail?.html).toContain('<a href="http://127.0.0.1:3000/invitations/inv_1">');
  expect(mail?.html).toContain("Acme &#38; Co");
  expect(mail?.attachments.map((file) => [file.filename, file.contentType, file.content.toString()])).toEqual(
    [["invoice-00001.pdf", "application/pdf", "%PDF-1.3 test"]],
  );
  mailer.close();
});

test("a refusal says whether trying again can help: 4xx is transient, 5xx permanent", async () => {
  const mailer = createMailer({ smtpUrl: smtp.url });
  smtp.refuseNext(1, 451);
  await expect(mailer.send(message("later@example.test"))).resolves.toMatchObject({
    ok: false,
    permanent: false,
  });
  smtp.refuseNext(1, 550);
  const refused = await mailer.send(message("never@example.test"));
  expect(refused).toMatchObject({ ok: false, permanent: true, reason: expect.stringMatching(/^550 /) });
  mailer.close();
});

test("without SMTP_URL the message goes to the outbox: nothing is sent, the raw message comes back", async () => {
  const before = smtp.received.length;
  const outcome = await createMailer({}).send(message("outbox@example.test"));
  expect(smtp.received.length).toBe(before);
  if (!outcome.ok || !outcome.raw) throw new Error("expected the raw message");
  const mail = await simpleParser(outcome.raw);
  expect(mail.subject).toBe("Alice invited you to Acme & Co on Tally");
  expect(mail.attachments).toHaveLength(1);
});
