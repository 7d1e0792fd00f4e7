"use client";

import { invoiceTitle } from "@tally/validators";
import { ConfirmButton } from "@/components/confirm-button";
import type { Notice } from "@/components/notice";
import { serverProblem } from "@/lib/issues";
import { useHydrated } from "@/lib/use-hydrated";
import { useIntentKey } from "@/lib/use-intent-key";
import { trpc } from "@/trpc/react";
import type { Invoice } from "./invoice";

/**
 * Voids an invoice that has received no money. One idempotency key per
 * intent: a double click or a retry after a lost answer voids once.
 */
export function VoidInvoice({ invoice, onNotice }: { invoice: Invoice; onNotice: (notice: Notice) => void }) {
  const hydrated = useHydrated();
  const utils = trpc.useUtils();
  const intent = useIntentKey();
  const voidInvoice = trpc.invoices.void.useMutation({
    onSuccess: async (voided) => {
      intent.done();
      utils.invoices.get.setData({ id: voided.id }, voided);
      await Promise.all([
        utils.invoices.list.invalidate(),
        utils.orders.get.invalidate({ id: voided.order.id }),
      ]);
      onNotice({ kind: "done", text: `${invoiceTitle(voided.number)} voided` });
    },
    onError: async (error) => {
      const problem = serverProblem(error);
      if (problem.code) intent.done();
      if (problem.code === "CONFLICT") await utils.invoices.get.invalidate({ id: invoice.id });
      onNotice({ kind: "problem", text: problem.message });
    },
  });

  return (
    <ConfirmButton
      label="Void invoice"
      question={`Void ${invoiceTitle(invoice.number)}? Its number stays used; the order can be invoiced again.`}
      confirmLabel="Yes, void invoice"
      keepLabel="Keep invoice"
      busy={voidInvoice.isPending}
      disabled={!hydrated}
      onConfirm={() => voidInvoice.mutate({ invoiceId: invoice.id, idempotencyKey: intent.key() })}
    />
  );
}
