"use client";

import { type FormEvent, useEffect, useId, useRef } from "react";
import { FormMessages } from "@/components/form-messages";
import { NewerVersionNotice } from "@/components/newer-version-notice";
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
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
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

  // The form may sit below the list (narrow screens): bring it, and keyboard focus, to the user.
  useEffect(() => heading.current?.focus(), []);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const read = readUpdateCustomer(form.values, customer);
    if (read.ok) update.mutate(read.input);
    else form.setErrors(read.errors);
  }

  return (
    <form className="panel" aria-labelledby={headingId} onSubmit={submit} noValidate>
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        Edit {customer.name}
      </h2>
      <CustomerFields values={form.values} errors={form.errors} onChange={form.setField} />
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
