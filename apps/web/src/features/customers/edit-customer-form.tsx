"use client";

import { EditForm } from "@/components/edit-form";
import { serverProblem } from "@/lib/issues";
import { useNewerVersion } from "@/lib/use-newer-version";
import { trpc } from "@/trpc/react";
import type { Customer } from "./customer";
import { CustomerFields } from "./customer-fields";
import { customerFormErrorsFromServer, customerFormFrom, readUpdateCustomer } from "./customer-form";
import { useCustomerForm } from "./use-customer-form";

type EditCustomerFormProps = {
  /** The version being edited; remount the form (key on id and version) to edit another. */
  customer: Customer;
  onSaved: (customer: Customer) => void;
  /** Start over from a newer version someone else saved. */
  onReload: (latest: Customer) => void;
  onCancel: () => void;
};

export function EditCustomerForm({ customer, onSaved, onReload, onCancel }: EditCustomerFormProps) {
  const form = useCustomerForm(customerFormFrom(customer));
  const utils = trpc.useUtils();
  const { newerVersion, checkForNewer } = useNewerVersion(customer, () =>
    utils.client.customers.get.query({ id: customer.id }),
  );
  const update = trpc.customers.update.useMutation({
    onSuccess: async (saved) => {
      await utils.customers.list.invalidate();
      utils.customers.get.setData({ id: saved.id }, saved);
      onSaved(saved);
    },
    onError: async (error) => {
      const problem = serverProblem(error);
      form.setErrors(customerFormErrorsFromServer(problem));
      await checkForNewer(problem);
    },
  });

  return (
    <EditForm
      title={`Edit ${customer.name}`}
      messages={form.errors.form}
      saving={update.isPending}
      newerVersion={newerVersion}
      onReload={onReload}
      onCancel={onCancel}
      onSubmit={() => {
        const read = readUpdateCustomer(form.values, customer);
        if (read.ok) update.mutate(read.input);
        else form.setErrors(read.errors);
      }}
    >
      <CustomerFields values={form.values} errors={form.errors} onChange={form.setField} />
    </EditForm>
  );
}
