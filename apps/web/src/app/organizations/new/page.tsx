import type { Metadata } from "next";
import { CreateOrganizationForm } from "@/features/organizations/create-organization-form";
import { requireViewer } from "@/server/viewer";

export const metadata: Metadata = { title: "New organisation" };

/** Also where someone who belongs to no organisation yet is sent. */
export default async function NewOrganizationPage() {
  const viewer = await requireViewer("/organizations/new");
  return (
    <>
      <h1>{viewer.activeOrganization ? "Create another organisation" : "Create your organisation"}</h1>
      {!viewer.activeOrganization && (
        <p className="muted">
          Tally keeps each organisation's products, orders and people apart. Create one to start, or open the
          invitation link a colleague sent you to join theirs.
        </p>
      )}
      <CreateOrganizationForm />
    </>
  );
}
