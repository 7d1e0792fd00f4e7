import type { Metadata } from "next";
import { orderReference } from "@/features/orders/order";
import { OrderDetail } from "@/features/orders/order-detail";
import { productMatchesInput } from "@/features/orders/product-matches";
import { requireMember } from "@/server/viewer";
import { HydrateClient, trpc } from "@/trpc/server";

type OrderPageProps = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: OrderPageProps): Promise<Metadata> {
  return { title: `Order ${orderReference((await params).id)}` };
}

/** The order (and, for a draft, the first product matches) arrive with the page. */
export default async function OrderPage({ params }: OrderPageProps) {
  const { id } = await params;
  const viewer = await requireMember(`/orders/${encodeURIComponent(id)}`);
  await Promise.all([
    trpc.orders.get.prefetch({ id }),
    trpc.catalog.products.list.prefetch(productMatchesInput("")),
  ]);
  return (
    <HydrateClient>
      <OrderDetail id={id} role={viewer.role} />
    </HydrateClient>
  );
}
