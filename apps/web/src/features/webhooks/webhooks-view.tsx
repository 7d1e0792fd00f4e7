"use client";

import { useState } from "react";
import { ConfirmButton } from "@/components/confirm-button";
import { DateTime } from "@/components/date-time";
import { useHydrated } from "@/lib/use-hydrated";
import { trpc } from "@/trpc/react";
import { CreateWebhookForm } from "./create-webhook-form";
import { DeliveryLog } from "./delivery-log";
import { endpointState, loadRefusal, retryUnlessRefused, type WebhookEndpoint } from "./webhook";

/** Failure counts move as deliveries are tried; the list is read again now and then while open. */
const ENDPOINTS_POLL_MS = 10_000;

export function WebhooksView() {
  const endpoints = trpc.webhooks.endpoints.list.useQuery(undefined, {
    retry: retryUnlessRefused,
    refetchInterval: (query) => (query.state.status === "error" ? false : ENDPOINTS_POLL_MS),
  });
  const [shown, setShown] = useState<string | null>(null);
  if (endpoints.isError) {
    return (
      <div role="alert" className="form-error">
        <p>Could not load webhooks: {loadRefusal(endpoints.error)}</p>
      </div>
    );
  }
  const selected = endpoints.data?.find((endpoint) => endpoint.id === shown);
  return (
    <>
      <CreateWebhookForm />
      <section className="panel" aria-labelledby="webhook-endpoints-heading">
        <h2 id="webhook-endpoints-heading">Endpoints</h2>
        {endpoints.isPending ? (
          <p className="muted">Loading endpoints…</p>
        ) : endpoints.data.length === 0 ? (
          <p className="muted">No endpoints yet.</p>
        ) : (
          <table className="data-table">
            <caption className="visually-hidden">Webhook endpoints of this organisation</caption>
            <thead>
              <tr>
                <th scope="col">URL</th>
                <th scope="col">Events</th>
                <th scope="col">State</th>
                <th scope="col" className="number">
                  Failures in a row
                </th>
                <th scope="col">Created</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {endpoints.data.map((endpoint) => (
                <EndpointRow
                  key={endpoint.id}
                  endpoint={endpoint}
                  open={endpoint.id === shown}
                  onShowDeliveries={() => setShown(endpoint.id)}
                />
              ))}
            </tbody>
          </table>
        )}
      </section>
      {selected && (
        <section className="panel" aria-labelledby="webhook-deliveries-heading">
          <h2 id="webhook-deliveries-heading">Deliveries to {selected.url}</h2>
          <DeliveryLog endpointId={selected.id} url={selected.url} />
        </section>
      )}
    </>
  );
}

function EndpointRow({
  endpoint,
  open,
  onShowDeliveries,
}: {
  endpoint: WebhookEndpoint;
  open: boolean;
  onShowDeliveries: () => void;
}) {
  const hydrated = useHydrated();
  const utils = trpc.useUtils();
  const refresh = () => utils.webhooks.endpoints.list.invalidate();
  const update = trpc.webhooks.endpoints.update.useMutation({ onSettled: refresh });
  const remove = trpc.webhooks.endpoints.delete.useMutation({ onSettled: refresh });
  const state = endpointState(endpoint);
  const problem = update.error ?? remove.error;
  return (
    <tr aria-selected={open}>
      <th scope="row">
        <span className="reference">{endpoint.url}</span>
        {endpoint.description && <div className="muted">{endpoint.description}</div>}
      </th>
      <td>{endpoint.eventKinds.join(", ")}</td>
      <td>
        {state.label}
        {endpoint.disabledAt && (
          <>
            {" "}
            (since <DateTime value={endpoint.disabledAt} />)
          </>
        )}
      </td>
      <td className="number">{endpoint.consecutiveFailures}</td>
      <td>
        <DateTime value={endpoint.createdAt} style="date" />
      </td>
      <td>
        <div className="cell-actions">
          <button type="button" onClick={onShowDeliveries} disabled={!hydrated}>
            Deliveries
          </button>
          <button
            type="button"
            disabled={!hydrated || update.isPending}
            onClick={() => update.mutate({ id: endpoint.id, enabled: !state.enabled })}
          >
            {state.enabled ? "Disable" : "Enable"}
          </button>
          <ConfirmButton
            label="Delete"
            question={`Delete the endpoint ${endpoint.url}? Its delivery log goes with it and nothing more is sent there.`}
            confirmLabel="Yes, delete"
            keepLabel="Keep endpoint"
            busy={remove.isPending}
            disabled={!hydrated}
            onConfirm={() => remove.mutate({ id: endpoint.id })}
          />
        </div>
        {problem && (
          <p role="alert" className="field-error">
            {problem.message}
          </p>
        )}
      </td>
    </tr>
  );
}
