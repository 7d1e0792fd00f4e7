"use client";

import { type FormEvent, useEffect, useId, useRef } from "react";
import { FormMessages } from "@/components/form-messages";
import { NewerVersionNotice } from "@/components/newer-version-notice";
import { serverProblem } from "@/lib/issues";
import { useNewerVersion } from "@/lib/use-newer-version";
import { trpc } from "@/trpc/react";
import type { Product } from "./product";
import { ProductFields } from "./product-fields";
import { productFormErrorsFromServer, productFormFrom, readUpdateProduct } from "./product-form";
import { useProductForm } from "./use-product-form";

type EditProductFormProps = {
  /** The version being edited; remount the form (key on id and version) to edit another. */
  product: Product;
  onSaved: (product: Product) => void;
  /** Start over from a newer version someone else saved. */
  onReload: (latest: Product) => void;
  onCancel: () => void;
};

export function EditProductForm({ product, onSaved, onReload, onCancel }: EditProductFormProps) {
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const form = useProductForm(productFormFrom(product));
  const utils = trpc.useUtils();
  const { newerVersion, checkForNewer } = useNewerVersion(product, () =>
    utils.client.catalog.products.get.query({ id: product.id }),
  );
  const update = trpc.catalog.products.update.useMutation({
    onSuccess: async (saved) => {
      await utils.catalog.products.list.invalidate();
      onSaved(saved);
    },
    onError: async (error) => {
      const problem = serverProblem(error);
      form.setErrors(productFormErrorsFromServer(problem));
      await checkForNewer(problem);
    },
  });

  // The form may sit below the list (narrow screens): bring it, and keyboard focus, to the user.
  useEffect(() => heading.current?.focus(), []);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const read = readUpdateProduct(form.values, product);
    if (read.ok) update.mutate(read.input);
    else form.setErrors(read.errors);
  }

  return (
    <form className="panel" aria-labelledby={headingId} onSubmit={submit} noValidate>
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        Edit {product.name}
      </h2>
      <ProductFields values={form.values} errors={form.errors} onChange={form.setField} />
      <FormMessages messages={form.errors.form} />
      <NewerVersionNotice latest={newerVersion} onReload={onReload} />
      <div className="actions">
        <button type="submit" className="primary" disabled={update.isPending}>
          {update.isPending ? "Saving…" : "Save changes"}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
