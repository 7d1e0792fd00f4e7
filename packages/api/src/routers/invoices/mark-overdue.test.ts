import { afterAll, beforeAll, expect, test } from "vitest";
import { createTestApi, type TestApi } from "../../testing/index.ts";
import { billingOrganisation } from "./invoices.fixtures.ts";
import { markOverdueInvoices } from "./mark-overdue.ts";

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api?.close());

const DAY_MS = 86_400_000;

test("the daily run marks issued invoices past due once, with an audit row each, and a second run changes nothing", async () => {
  const acme = await billingOrganisation(api, "Overdue Acme");
  const other = await billingOrganisation(api, "Overdue Other");
  const late = await acme.issuedInvoice({ dueInDays: 1 });
  const notYet = await acme.issuedInvoice({ dueInDays: 30 });
  const otherLate = await other.issuedInvoice({ dueInDays: 1 });
  const voided = await acme.issuedInvoice({ dueInDays: 1 });
  await acme.caller.invoices.void({ invoiceId: voided.id });
  const now = new Date(Date.now() + 2 * DAY_MS);

  const overdueOf = async (id: string) =>
    (await api.db.invoice.findUniqueOrThrow({ where: { id }, select: { overdueAt: true } })).overdueAt;
  const first = await markOverdueInvoices(api.db, now);
  expect(first).toBeGreaterThanOrEqual(2);
  expect(await overdueOf(late.id)).toEqual(now);
  expect(await overdueOf(otherLate.id)).toEqual(now);
  expect(await overdueOf(notYet.id)).toBeNull();
  expect(await overdueOf(voided.id)).toBeNull();
  const audit = await api.db.auditEvent.findMany({
    where: { action: "invoice.overdue", targetId: { in: [late.id, otherLate.id, notYet.id, voided.id] } },
    select: { organizationId: true, targetId: true },
  });
  expect(audit).toHaveLength(2);
  expect(audit).toContainEqual({ organizationId: acme.id, targetId: late.id });
  expect(audit).toContainEqual({ organizationId: other.id, targetId: otherLate.id });

  const eventsBefore = await api.db.auditEvent.count({ where: { action: "invoice.overdue" } });
  await expect(markOverdueInvoices(api.db, new Date(now.getTime() + 60_000))).resolves.toBe(0);
  expect(await api.db.auditEvent.count({ where: { action: "invoice.overdue" } })).toBe(eventsBefore);
  expect(await overdueOf(late.id)).toEqual(now);
});
