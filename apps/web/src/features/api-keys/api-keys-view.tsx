"use client";

import { useState } from "react";
import { ConfirmButton } from "@/components/confirm-button";
import { DateTime } from "@/components/date-time";
import { trpc } from "@/trpc/react";
import { type ApiKey, keyState } from "./api-key";
import { ApiKeyUsageChart } from "./api-key-usage-chart";
import { CreateApiKeyForm } from "./create-api-key-form";

export function ApiKeysView() {
  const keys = trpc.apiKeys.list.useQuery();
  const [shown, setShown] = useState<string | null>(null);
  return (
    <>
      <CreateApiKeyForm />
      <section className="panel" aria-labelledby="api-keys-heading">
        <h2 id="api-keys-heading">Keys</h2>
        {keys.isPending ? (
          <p className="muted">Loading keys…</p>
        ) : keys.isError ? (
          <p role="alert">Could not load keys: {keys.error.message}</p>
        ) : keys.data.length === 0 ? (
          <p className="muted">No keys yet.</p>
        ) : (
          <table className="data-table">
            <caption className="visually-hidden">API keys of this organisation</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Key</th>
                <th scope="col">Scopes</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">Expires</th>
                <th scope="col">State</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {keys.data.map((key) => (
                <KeyRow key={key.id} apiKey={key} onShowUsage={() => setShown(key.id)} />
              ))}
            </tbody>
          </table>
        )}
      </section>
      {shown && keys.data && (
        <section className="panel" aria-labelledby="api-key-usage-heading">
          <h2 id="api-key-usage-heading">Usage</h2>
          <ApiKeyUsageChart keyId={shown} keyName={keys.data.find((key) => key.id === shown)?.name ?? ""} />
        </section>
      )}
    </>
  );
}

function KeyRow({ apiKey, onShowUsage }: { apiKey: ApiKey; onShowUsage: () => void }) {
  const utils = trpc.useUtils();
  const revoke = trpc.apiKeys.revoke.useMutation({ onSuccess: () => utils.apiKeys.list.invalidate() });
  const state = keyState(apiKey);
  return (
    <tr>
      <th scope="row">{apiKey.name}</th>
      <td>
        <code>{apiKey.prefix}…</code>
      </td>
      <td>{apiKey.scopes.join(", ")}</td>
      <td>
        <DateTime value={apiKey.createdAt} style="date" /> by {apiKey.createdBy.name}
      </td>
      <td>{apiKey.lastUsedAt ? <DateTime value={apiKey.lastUsedAt} /> : "never"}</td>
      <td>{apiKey.expiresAt ? <DateTime value={apiKey.expiresAt} style="date" /> : "never"}</td>
      <td>{state}</td>
      <td className="actions">
        <button type="button" onClick={onShowUsage}>
          Usage
        </button>
        {state === "active" && (
          <ConfirmButton
            label="Revoke"
            question={`Revoke ${apiKey.name}? Every call with it is refused from now on.`}
            confirmLabel="Yes, revoke"
            keepLabel="Keep key"
            busy={revoke.isPending}
            onConfirm={() => revoke.mutate({ id: apiKey.id })}
          />
        )}
      </td>
    </tr>
  );
}
