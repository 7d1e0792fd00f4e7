"use client";

import { trpc } from "@/trpc/react";
import type { Product } from "./product";

type ArchiveToggleProps = { product: Product; onDone: (message: string) => void };

/** Archive an active product, or bring an archived one back. */
export function ArchiveToggle({ product, onDone }: ArchiveToggleProps) {
  const utils = trpc.useUtils();
  const archived = product.archivedAt !== null;
  const options = {
    onSuccess: async (saved: Product) => {
      await utils.catalog.products.list.invalidate();
      onDone(`${saved.name} ${archived ? "restored" : "archived"}`);
    },
    onError: (error: { message: string }) => onDone(error.message),
  };
  const archive = trpc.catalog.products.archive.useMutation(options);
  const restore = trpc.catalog.products.restore.useMutation(options);
  const mutation = archived ? restore : archive;
  const verb = archived ? "Restore" : "Archive";

  return (
    <button
      type="button"
      aria-label={`${verb} ${product.name}`}
      disabled={mutation.isPending}
      onClick={() => mutation.mutate({ id: product.id })}
    >
      {verb}
    </button>
  );
}
