"use client";

import { EditForm } from "@/components/edit-form";
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

  return (
    <EditForm
      title={`Edit ${product.name}`}
      messages={form.errors.form}
      saving={update.isPending}
      newerVersion={newerVersion}
      onReload={onReload}
      onCancel={onCancel}
      onSubmit={() => {
        const read = readUpdateProduct(form.values, product);
        if (read.ok) update.mutate(read.input);
        else form.setErrors(read.errors);
      }}
    >
      <ProductFields values={form.values} errors={form.errors} onChange={form.setField} />
    </EditForm>
  );
}
