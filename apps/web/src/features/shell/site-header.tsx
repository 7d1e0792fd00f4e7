import Link from "next/link";
import { LiveUpdates } from "@/features/live/live-updates";
import { showsAdminControls } from "@/lib/roles";
import { getViewer } from "@/server/viewer";
import { caller } from "@/trpc/server";
import { NavLink } from "./nav-link";
import { OrganizationSwitcher } from "./organization-switcher";
import { UserMenu } from "./user-menu";

/** Rendered on the server with the page, so the header needs no request from the browser. */
export async function SiteHeader() {
  const viewer = await getViewer();
  const organizations = viewer ? await caller.org.listMine() : [];
  return (
    <header className="site-header">
      <Link href="/" className="brand">
        Tally
      </Link>
      {viewer ? (
        <>
          <nav aria-label="Main" className="main-nav">
            <NavLink href="/">Dashboard</NavLink>
            <NavLink href="/orders">Orders</NavLink>
            <NavLink href="/invoices">Invoices</NavLink>
            {showsAdminControls(viewer.role) && <NavLink href="/payments">Payments</NavLink>}
            <NavLink href="/customers">Customers</NavLink>
            <NavLink href="/products">Products</NavLink>
            <NavLink href="/reports">Reports</NavLink>
            <NavLink href="/members">Members</NavLink>
            {showsAdminControls(viewer.role) && <NavLink href="/audit">Audit log</NavLink>}
            {showsAdminControls(viewer.role) && <NavLink href="/outbox">Outbox</NavLink>}
            {showsAdminControls(viewer.role) && <NavLink href="/api-keys">API keys</NavLink>}
            {showsAdminControls(viewer.role) && <NavLink href="/webhooks">Webhooks</NavLink>}
            <NavLink href="/settings">Settings</NavLink>
          </nav>
          <div className="header-end">
            {viewer.activeOrganization && <LiveUpdates key={viewer.activeOrganization.id} />}
            <OrganizationSwitcher organizations={organizations} />
            <UserMenu name={viewer.user.name} email={viewer.user.email} />
          </div>
        </>
      ) : (
        <nav aria-label="Account" className="main-nav header-end">
          <NavLink href="/sign-in">Sign in</NavLink>
          <NavLink href="/sign-up">Create account</NavLink>
        </nav>
      )}
    </header>
  );
}
