import type { Metadata } from "next";
import { PaymentList } from "@/features/payments/payment-list";
import { firstPaymentsPage } from "@/features/payments/payment-pages";
import { showsAdminControls } from "@/lib/roles";
import { requireMember } from "@/server/viewer";
import { HydrateClient, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Payments" };

export default async function PaymentsPage() {
  const viewer = await requireMember("/payments");
  if (!showsAdminControls(viewer.role)) {
    return (
      <>
        <h1>Payments</h1>
        <p className="muted">
          Only admins and owners of {viewer.activeOrganization.name} can read its payments. Each invoice shows
          its own.
        </p>
      </>
    );
  }
  await trpc.payments.list.prefetchInfinite(firstPaymentsPage);
  return (
    <>
      <h1>Payments</h1>
      <HydrateClient>
        <PaymentList />
      </HydrateClient>
    </>
  );
}
