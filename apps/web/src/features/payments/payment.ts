import type { RouterOutputs } from "@tally/api";

export type Payment = RouterOutputs["payments"]["list"]["items"][number];
export type PaymentStatus = Payment["status"];

export const PAYMENT_STATUS_LABELS: Record<PaymentStatus, string> = {
  succeeded: "Succeeded",
  failed: "Failed",
};
