import type { MemberRole } from "@tally/validators";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Caller, TestApi } from "../../testing/index.ts";
import { createTestApi } from "../../testing/index.ts";
import { allowedInvoiceActions, type InvoiceAction, VOID_MINIMUM_ROLE } from "./invoice-actions.ts";
import {
  type BillingOrganisation,
  billingOrganisation,
  receivePayment,
  UNIT_PRICE_MINOR,
} from "./invoices.fixtures.ts";
import { invoicesRouter } from "./invoices.router.ts";

let api: TestApi;
let acme: BillingOrganisation;
let callers: Record<MemberRole, Caller>;
beforeAll(async () => {
  api = await createTestApi();
  acme = await billingOrganisation(api, "Invoice actions");
  callers = {
    member: (await acme.join("member")).caller,
    admin: (await acme.join("admin")).caller,
    owner: acme.caller,
  };
});
afterAll(() => api?.close());

const states = ["issued", "partly paid", "paid", "void"] as const;
type State = (typeof states)[number];

const STATES: Record<State, () => Promise<{ id: string }>> = {
  issued: () => acme.issuedInvoice(),
  "partly paid": async () => {
    const invoice = await acme.issuedInvoice({ quantity: 2 });
    await receivePayment(api, invoice.id, UNIT_PRICE_MINOR);
    return invoice;
  },
  paid: async () => {
    const invoice = await acme.issuedInvoice();
    await receivePayment(api, invoice.id, invoice.totalMinor);
    return invoice;
  },
  void: async () => acme.caller.invoices.void({ invoiceId: (await acme.issuedInvoice()).id }),
};

const EXPECTED: Record<State, Record<MemberRole, InvoiceAction[]>> = {
  issued: { member: [], admin: ["void"], owner: ["void"] },
  "partly paid": { member: [], admin: [], owner: [] },
  paid: { member: [], admin: [], owner: [] },
  void: { member: [], admin: [], owner: [] },
};

describe.each(states)("an invoice that is %s", (state) => {
  test.each(["member", "admin", "owner"] as const)(
    "offers a %s exactly what invoices.void accepts",
    async (role) => {
      const shown = await callers[role].invoices.get({ id: (await STATES[state]()).id });
      expect(shown.allowedActions).toEqual(EXPECTED[state][role]);

      const target = await STATES[state]();
      const attempt = callers[role].invoices.void({ invoiceId: target.id });
      if (shown.allowedActions.includes("void")) {
        await expect(attempt).resolves.toMatchObject({ id: target.id, status: "void", allowedActions: [] });
      } else {
        await expect(attempt).rejects.toMatchObject({ code: role === "member" ? "FORBIDDEN" : "CONFLICT" });
      }
    },
  );
});

test("the role voiding needs is the one invoices.void demands", () => {
  expect(invoicesRouter.void._def.meta).toMatchObject({ access: VOID_MINIMUM_ROLE });
});

test("issuing returns the new invoice with what it allows", async () => {
  const invoice = await acme.issuedInvoice();
  expect(invoice.allowedActions).toEqual(["void"]);
  expect(allowedInvoiceActions({ status: "issued", paidMinor: 1 }, "owner")).toEqual([]);
});
