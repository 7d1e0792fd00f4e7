import type { MemberRole } from "@tally/validators";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Caller, TestApi } from "../../testing/index.ts";
import { createTestApi } from "../../testing/index.ts";
import {
  type BillingOrganisation,
  billingOrganisation,
  receivePayment,
} from "../invoices/invoices.fixtures.ts";
import { invoicesRouter } from "../invoices/invoices.router.ts";
import { allowedOrderActions, minimumRoleFor, ORDER_ACTIONS, type OrderAction } from "./order-actions.ts";
import { ordersRouter } from "./orders.router.ts";

let api: TestApi;
let acme: BillingOrganisation;
let callers: Record<"member" | "admin", Caller>;
beforeAll(async () => {
  api = await createTestApi();
  acme = await billingOrganisation(api, "Actions");
  callers = { member: (await acme.join("member")).caller, admin: (await acme.join("admin")).caller };
});
afterAll(() => api?.close());

const states = ["draft", "placed", "placed, invoiced", "paid", "fulfilled", "cancelled"] as const;
type State = (typeof states)[number];

/** An order in each state the web and mobile apps show, built the way users get there. */
const STATES: Record<State, () => Promise<{ id: string; version: number }>> = {
  draft: () => acme.draftOrder(),
  placed: () => acme.placedOrder(),
  "placed, invoiced": async () => {
    const invoice = await acme.issuedInvoice();
    return acme.caller.orders.get({ id: invoice.order.id });
  },
  paid: async () => {
    const invoice = await acme.issuedInvoice();
    await receivePayment(api, invoice.id, invoice.totalMinor);
    return acme.caller.orders.get({ id: invoice.order.id });
  },
  fulfilled: async () => {
    const invoice = await acme.issuedInvoice();
    await receivePayment(api, invoice.id, invoice.totalMinor);
    return acme.caller.orders.fulfil({ orderId: invoice.order.id });
  },
  cancelled: async () => acme.caller.orders.cancel({ orderId: (await acme.placedOrder()).id }),
};

/** What each role may do in each state: the state machine as a user meets it. */
const EXPECTED: Record<State, Record<MemberRole, OrderAction[]>> = {
  draft: {
    member: ["edit", "place"],
    admin: ["edit", "place", "cancel"],
    owner: ["edit", "place", "cancel"],
  },
  placed: { member: [], admin: ["invoice", "cancel"], owner: ["invoice", "cancel"] },
  "placed, invoiced": { member: [], admin: [], owner: [] },
  paid: { member: ["fulfil"], admin: ["fulfil"], owner: ["fulfil"] },
  fulfilled: { member: [], admin: [], owner: [] },
  cancelled: { member: [], admin: [], owner: [] },
};

type Order = { id: string; version: number };

/** Each action as the procedure its button calls, and what success looks like. */
const ATTEMPTS: Record<
  OrderAction,
  { run(caller: Caller, order: Order): Promise<unknown>; done(order: Order): object }
> = {
  edit: {
    run: (caller, order) =>
      caller.orders.addItem({
        orderId: order.id,
        version: order.version,
        productId: acme.product.id,
        quantity: 1,
      }),
    done: (order) => ({ id: order.id, version: order.version + 1, status: "draft" }),
  },
  place: {
    run: (caller, order) => caller.orders.place({ orderId: order.id }),
    done: (order) => ({ id: order.id, status: "placed" }),
  },
  invoice: {
    run: (caller, order) => caller.invoices.issue({ orderId: order.id }),
    done: (order) => ({ status: "issued", order: { id: order.id } }),
  },
  fulfil: {
    run: (caller, order) => caller.orders.fulfil({ orderId: order.id }),
    done: (order) => ({ id: order.id, status: "fulfilled" }),
  },
  cancel: {
    run: (caller, order) => caller.orders.cancel({ orderId: order.id }),
    done: (order) => ({ id: order.id, status: "cancelled" }),
  },
};

const PROCEDURES = {
  edit: [ordersRouter.addItem, ordersRouter.updateItem, ordersRouter.removeItem],
  place: [ordersRouter.place],
  invoice: [invoicesRouter.issue],
  fulfil: [ordersRouter.fulfil],
  cancel: [ordersRouter.cancel],
} satisfies Record<OrderAction, unknown[]>;

describe.each(states)("an order that is %s", (state) => {
  test.each(["member", "admin"] as const)(
    "offers a %s exactly the actions its procedures accept",
    async (role) => {
      const shown = await callers[role].orders.get({ id: (await STATES[state]()).id });
      expect(shown.allowedActions).toEqual(EXPECTED[state][role]);

      for (const action of ORDER_ACTIONS) {
        const order = await STATES[state]();
        const attempt = ATTEMPTS[action].run(callers[role], order);
        if (shown.allowedActions.includes(action)) {
          await expect(attempt, `${action} should succeed`).resolves.toMatchObject(
            ATTEMPTS[action].done(order),
          );
        } else {
          const code = role === "member" && minimumRoleFor(action) !== "member" ? "FORBIDDEN" : "CONFLICT";
          await expect(attempt, `${action} should be refused`).rejects.toMatchObject({ code });
        }
      }
    },
  );
});

test("what a mutation returns already says what the order allows next", async () => {
  const draft = await acme.draftOrder();
  expect(draft.allowedActions).toEqual(["edit", "place", "cancel"]);
  const placed = await acme.caller.orders.place({ orderId: draft.id });
  expect(placed.allowedActions).toEqual(["invoice", "cancel"]);
  const created = await acme.caller.orders.create({ customerId: acme.customer.id });
  expect(created.allowedActions).toEqual(["edit", "place", "cancel"]);
});

test("the role each action needs is the one its procedures demand", () => {
  for (const action of ORDER_ACTIONS) {
    for (const procedure of PROCEDURES[action]) {
      expect(procedure._def.meta, action).toMatchObject({ access: minimumRoleFor(action) });
    }
  }
});

test("an owner may do what an admin may, in every state", () => {
  for (const state of states) {
    const status = state === "placed, invoiced" ? "placed" : state;
    const invoices = state === "placed, invoiced" || state === "paid" ? [{ status: "issued" }] : [];
    expect(allowedOrderActions({ status, invoices }, "owner"), state).toEqual(EXPECTED[state].owner);
    expect(allowedOrderActions({ status, invoices }, "admin"), state).toEqual(EXPECTED[state].admin);
    expect(allowedOrderActions({ status, invoices }, "member"), state).toEqual(EXPECTED[state].member);
  }
});

test("a voided invoice does not stand in the way of cancelling or invoicing again", () => {
  expect(allowedOrderActions({ status: "placed", invoices: [{ status: "void" }] }, "admin")).toEqual([
    "invoice",
    "cancel",
  ]);
});
