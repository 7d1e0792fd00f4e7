"use client";

import { issueInvoiceInput, type MemberRole } from "@tally/validators";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { ConfirmButton } from "@/components/confirm-button";
import type { Notice } from "@/components/notice";
import { TextField } from "@/components/text-field";
import { serverProblem } from "@/lib/issues";
import { showsAdminControls } from "@/lib/roles";
import { useHydrated } from "@/lib/use-hydrated";
import { useIntentKey } from "@/lib/use-intent-key";
import { trpc } from "@/trpc/react";
import type { Order } from "./order";

type OrderActionsProps = {
  order: Order;
  role: MemberRole;
  onNotice: (notice: Notice) => void;
};

/**
 * Only what this order allows now, for this role: the API says which
 * (`allowedActions`, from the state machine and the caller's role), and checks
 * it again on every call; this spares people buttons that would be refused.
 */
export function OrderActions({ order, role, onNotice }: OrderActionsProps) {
  const headingId = useId();
  const admin = showsAdminControls(role);
  const { status } = order;
  const allows = (action: Order["allowedActions"][number]) => order.allowedActions.includes(action);
  const canPlace = allows("place");
  const canFulfil = allows("fulfil");
  const canCancel = allows("cancel");
  const canInvoice = allows("invoice");
  const none = !canPlace && !canFulfil && !canCancel && !canInvoice;

  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>Actions</h2>
      {none && <p className="muted">{nothingToDo(order, admin)}</p>}
      <div className="stack action-list">
        {canPlace && <TransitionButton order={order} action="place" onNotice={onNotice} />}
        {canInvoice && <IssueInvoice order={order} onNotice={onNotice} />}
        {canFulfil && <TransitionButton order={order} action="fulfil" onNotice={onNotice} />}
        {canCancel && <CancelOrder order={order} onNotice={onNotice} />}
      </div>
      {!admin && (status === "draft" || status === "placed") && (
        <p className="hint">Admins can cancel orders and issue invoices.</p>
      )}
    </section>
  );
}

function nothingToDo(order: Order, admin: boolean): string {
  switch (order.status) {
    case "placed":
      return admin ? "Waiting for payment of the invoice." : "Waiting for the invoice to be paid.";
    case "fulfilled":
      return "This order is fulfilled: nothing more to do.";
    case "cancelled":
      return "This order was cancelled.";
    default:
      return "Nothing to do right now.";
  }
}

/**
 * place, fulfil and cancel: each click is one intent with one idempotency key,
 * so a double click or a retry after a lost answer acts once. The version on
 * screen goes along: acting on an order someone else just changed is refused.
 */
function useOrderTransition(
  order: Order,
  action: "place" | "fulfil" | "cancel",
  onNotice: OrderActionsProps["onNotice"],
) {
  const utils = trpc.useUtils();
  const intent = useIntentKey();
  const settle = {
    onSuccess: async (updated: Order) => {
      intent.done();
      utils.orders.get.setData({ id: updated.id }, updated);
      await utils.orders.list.invalidate();
      onNotice({ kind: "done", text: DONE[action] });
    },
    onError: async (error: Parameters<typeof serverProblem>[0]) => {
      const problem = serverProblem(error);
      // A refusal is final for this intent; only a lost answer is worth retrying with the same key.
      if (problem.code) intent.done();
      if (problem.code === "CONFLICT") await utils.orders.get.invalidate({ id: order.id });
      onNotice({ kind: "problem", text: problem.message });
    },
  };
  const place = trpc.orders.place.useMutation(settle);
  const fulfil = trpc.orders.fulfil.useMutation(settle);
  const cancel = trpc.orders.cancel.useMutation(settle);
  const mutation = { place, fulfil, cancel }[action];
  return {
    busy: mutation.isPending,
    run: () => mutation.mutate({ orderId: order.id, version: order.version, idempotencyKey: intent.key() }),
  };
}

const DONE = { place: "Order placed", fulfil: "Order fulfilled", cancel: "Order cancelled" } as const;
const LABELS = { place: "Place order", fulfil: "Mark as fulfilled" } as const;

function TransitionButton({
  order,
  action,
  onNotice,
}: {
  order: Order;
  action: "place" | "fulfil";
  onNotice: OrderActionsProps["onNotice"];
}) {
  const hydrated = useHydrated();
  const transition = useOrderTransition(order, action, onNotice);
  const empty = action === "place" && order.lines.length === 0;
  return (
    <div>
      <button
        type="button"
        className="primary"
        disabled={!hydrated || empty || transition.busy}
        onClick={transition.run}
      >
        {transition.busy ? "Working…" : LABELS[action]}
      </button>
      {empty && <p className="hint">Add at least one item to place the order.</p>}
    </div>
  );
}

function CancelOrder({ order, onNotice }: { order: Order; onNotice: OrderActionsProps["onNotice"] }) {
  const hydrated = useHydrated();
  const transition = useOrderTransition(order, "cancel", onNotice);
  return (
    <ConfirmButton
      label="Cancel order"
      question={
        order.status === "placed"
          ? "Cancel this order? Its reserved stock is released."
          : "Cancel this draft?"
      }
      confirmLabel="Yes, cancel order"
      keepLabel="Keep order"
      busy={transition.busy}
      disabled={!hydrated}
      onConfirm={transition.run}
    />
  );
}

/** Bills the order's total; opens the new invoice. */
function IssueInvoice({ order, onNotice }: { order: Order; onNotice: OrderActionsProps["onNotice"] }) {
  const hydrated = useHydrated();
  const router = useRouter();
  const utils = trpc.useUtils();
  const intent = useIntentKey();
  const [dueInDays, setDueInDays] = useState("30");
  const [error, setError] = useState<string[] | undefined>();
  const issue = trpc.invoices.issue.useMutation({
    onSuccess: async (invoice) => {
      intent.done();
      utils.invoices.get.setData({ id: invoice.id }, invoice);
      await Promise.all([utils.invoices.list.invalidate(), utils.orders.get.invalidate({ id: order.id })]);
      router.push(`/invoices/${invoice.id}`);
    },
    onError: async (failure) => {
      const problem = serverProblem(failure);
      if (problem.code) intent.done();
      await Promise.all([utils.invoices.list.invalidate(), utils.orders.get.invalidate({ id: order.id })]);
      onNotice({ kind: "problem", text: problem.message });
    },
  });

  function submit() {
    const days = issueInvoiceInput.shape.dueInDays.safeParse(Number(dueInDays));
    if (dueInDays.trim() === "" || !days.success) {
      setError([days.error?.issues[0]?.message ?? "Enter a number of days"]);
      return;
    }
    issue.mutate({ orderId: order.id, dueInDays: days.data, idempotencyKey: intent.key() });
  }

  const busy = issue.isPending || issue.isSuccess; // stays busy while the invoice opens
  return (
    <div className="issue-invoice">
      <TextField
        label="Payment due in (days)"
        type="number"
        value={dueInDays}
        errors={error}
        onChange={(value) => {
          setDueInDays(value);
          setError(undefined);
        }}
      />
      <button type="button" className="primary" disabled={!hydrated || busy} onClick={submit}>
        {busy ? "Issuing…" : "Issue invoice"}
      </button>
    </div>
  );
}
