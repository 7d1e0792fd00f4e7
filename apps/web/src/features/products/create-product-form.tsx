"use client";

import { type FormEvent, useId } from "react";
import { FormMessages } from "@/components/form-messages";
import { serverProblem } from "@/lib/issues";
import { useHydrated } from "@/lib/use-hydrated";
import { trpc } from "@/trpc/react";
import type { Product } from "./product";
import { ProductFields } from "./product-fields";
import { emptyProductForm, productFormErrorsFromServer, readCreateProduct } from "./product-form";
import { useProductForm } from "./use-product-form";

export function CreateProductForm({ onCreated }: { onCreated: (product: Product) => void }) {
  const hydrated = useHydrated();
  const headingId = useId();
  const form = useProductForm(emptyProductForm);
  const utils = trpc.useUtils();
  const create = trpc.catalog.products.create.useMutation({
    // The form stays busy until the list shows the new product, so nothing flashes stale.
    onSuccess: async (product) => {
      await utils.catalog.products.list.invalidate();
      form.reset(emptyProductForm);
      onCreated(product);
    },
    onError: (error) => form.setErrors(productFormErrorsFromServer(serverProblem(error))),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const read = readCreateProduct(form.values);
    if (read.ok) create.mutate(read.input);
    else form.setErrors(read.errors);
  }

  return (
    <form className="panel" aria-labelledby={headingId} onSubmit={submit} noValidate>
      <h2 id={headingId}>New product</h2>
      <ProductFields values={form.values} errors={form.errors} onChange={form.setField} />
      <FormMessages messages={form.errors.form} />
      <div className="actions">
        <button type="submit" className="primary" disabled={!hydrated || create.isPending}>
          {create.isPending ? "Creating…" : "Create product"}
        </button>
      </div>
    </form>
  );
}
