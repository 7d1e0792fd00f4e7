"use client";

import { type FormEvent, useId } from "react";
import { FormMessages } from "@/components/form-messages";
import { serverProblem } from "@/lib/issues";
import { useHydrated } from "@/lib/use-hydrated";
import { trpc } from "@/trpc/react";
import type { Customer } from "./customer";
import { CustomerFields } from "./customer-fields";
import { customerFormErrorsFromServer, emptyCustomerForm, readCreateCustomer } from "./customer-form";
import { useCustomerForm } from "./use-customer-form";

export function CreateCustomerForm({ onCreated }: { onCreated: (customer: Customer) => void }) {
  const hydrated = useHydrated();
  const headingId = useId();
  const form = useCustomerForm(emptyCustomerForm);
  const utils = trpc.useUtils();
  const create = trpc.customers.create.useMutation({
    // Busy until the list shows the new customer, so nothing flashes stale.
    onSuccess: async (customer) => {
      await utils.customers.list.invalidate();
      form.reset(emptyCustomerForm);
      onCreated(customer);
    },
    onError: (error) => form.setErrors(customerFormErrorsFromServer(serverProblem(error))),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const read = readCreateCustomer(form.values);
    if (read.ok) create.mutate(read.input);
    else form.setErrors(read.errors);
  }

  return (
    <form className="panel" aria-labelledby={headingId} onSubmit={submit} noValidate>
      <h2 id={headingId}>New customer</h2>
      <CustomerFields values={form.values} errors={form.errors} onChange={form.setField} />
      <FormMessages messages={form.errors.form} />
      <div className="actions">
        <button type="submit" className="primary" disabled={!hydrated || create.isPending}>
          {create.isPending ? "Creating…" : "Create customer"}
        </button>
      </div>
    </form>
  );
}
