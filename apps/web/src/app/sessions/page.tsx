import type { Metadata } from "next";
import { SessionsView } from "@/features/sessions/sessions-view";
import { requireViewer } from "@/server/viewer";
import { HydrateClient, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Sessions" };

export default async function SessionsPage() {
  await requireViewer("/sessions");
  await trpc.account.sessions.list.prefetch();
  return (
    <>
      <h1>Your sessions</h1>
      <HydrateClient>
        <SessionsView />
      </HydrateClient>
    </>
  );
}
