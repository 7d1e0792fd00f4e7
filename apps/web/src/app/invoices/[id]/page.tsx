import type { Metadata } from "next";
import { InvoiceDetail } from "@/features/invoices/invoice-detail";
import { requireMember } from "@/server/viewer";
import { HydrateClient, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Invoice" };

type InvoicePageProps = { params: Promise<{ id: string }> };

export default async function InvoicePage({ params }: InvoicePageProps) {
  const { id } = await params;
  await requireMember(`/invoices/${encodeURIComponent(id)}`);
  await trpc.invoices.get.prefetch({ id });
  return (
    <HydrateClient>
      <InvoiceDetail id={id} />
    </HydrateClient>
  );
}
