import type { Metadata } from "next";
import { InvoiceDetailsForm } from "@/features/settings/invoice-details-form";
import { TaxRateForm } from "@/features/settings/tax-rate-form";
import { requireMember } from "@/server/viewer";
import { HydrateClient, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const viewer = await requireMember("/settings");
  await trpc.org.settings.get.prefetch();
  return (
    <>
      <h1>Settings of {viewer.activeOrganization.name}</h1>
      <HydrateClient>
        <div className="stack">
          <TaxRateForm canEdit={viewer.role === "owner"} />
          <InvoiceDetailsForm canEdit={viewer.role === "owner"} />
        </div>
      </HydrateClient>
    </>
  );
}
