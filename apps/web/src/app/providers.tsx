"use client";

import { tallyLinks } from "@tally/client";
import { type QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { makeQueryClient } from "@/trpc/query-client";
import { trpc } from "@/trpc/react";

let browserQueryClient: QueryClient | undefined;

/** The server renders each request with a fresh client; a browser tab keeps one for its lifetime. */
function getQueryClient() {
  if (typeof window === "undefined") return makeQueryClient();
  browserQueryClient ??= makeQueryClient();
  return browserQueryClient;
}

export function Providers({ children }: { children: ReactNode }) {
  const queryClient = getQueryClient();
  const [trpcClient] = useState(() => trpc.createClient({ links: tallyLinks({ url: "/api/trpc" }) }));
  return (
    <trpc.Provider client={trpcClient} queryClient={queryClient}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </trpc.Provider>
  );
}
