import type { Metadata } from "next";
import { ApiKeysView } from "@/features/api-keys/api-keys-view";
import { showsAdminControls } from "@/lib/roles";
import { requireMember } from "@/server/viewer";
import { HydrateClient, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const viewer = await requireMember("/api-keys");
  if (!showsAdminControls(viewer.role)) {
    return (
      <>
        <h1>API keys</h1>
        <p className="muted">
          Only admins and owners of {viewer.activeOrganization.name} manage its API keys.
        </p>
      </>
    );
  }
  await trpc.apiKeys.list.prefetch();
  return (
    <>
      <h1>API keys</h1>
      <p className="muted">
        Keys let partner systems call {viewer.activeOrganization.name}'s REST API (
        <a href="/api/v1/docs">reference</a>) with the scopes you choose. Each key acts as the admin who
        created it and stops working if they leave.
      </p>
      <HydrateClient>
        <ApiKeysView />
      </HydrateClient>
    </>
  );
}
