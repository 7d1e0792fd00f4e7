import type { Metadata } from "next";
import type { ReactNode } from "react";
import { SiteHeader } from "@/features/shell/site-header";
import { Providers } from "./providers";
import "./globals.css";
import "./dashboard.css";
import "./insights.css";

export const metadata: Metadata = {
  title: { default: "Tally", template: "%s · Tally" },
  description: "Orders, invoices and payments for small B2B teams",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>
          <a href="#main" className="skip-link">
            Skip to content
          </a>
          <SiteHeader />
          <main id="main" tabIndex={-1}>
            {children}
          </main>
        </Providers>
      </body>
    </html>
  );
}
