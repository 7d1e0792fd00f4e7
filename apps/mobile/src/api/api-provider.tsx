import { type QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import type { Session } from "../auth/session.ts";
import { SessionProvider } from "../auth/session-context.tsx";
import type { ApiEndpoints } from "../config/api-url.ts";
import { liveSocket } from "./live-socket.ts";
import { mobileLinks } from "./mobile-links.ts";
import { makeQueryClient } from "./query-client.ts";
import { trpc } from "./trpc.ts";

/** One query cache, one session and one tRPC client for the app's lifetime. */
export function ApiProvider({ endpoints, children }: { endpoints: ApiEndpoints; children: ReactNode }) {
  const [queryClient] = useState(makeQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <SessionProvider endpoints={endpoints} onSignedOut={() => queryClient.clear()}>
        {(session) => (
          <TrpcProvider trpcUrl={endpoints.trpcUrl} session={session} queryClient={queryClient}>
            {children}
          </TrpcProvider>
        )}
      </SessionProvider>
    </QueryClientProvider>
  );
}

type TrpcProviderProps = { trpcUrl: string; session: Session; queryClient: QueryClient; children: ReactNode };

function TrpcProvider({ trpcUrl, session, queryClient, children }: TrpcProviderProps) {
  const [trpcClient] = useState(() =>
    trpc.createClient({ links: mobileLinks({ trpcUrl, session, socket: liveSocket(trpcUrl, session) }) }),
  );
  return (
    <trpc.Provider client={trpcClient} queryClient={queryClient}>
      {children}
    </trpc.Provider>
  );
}
