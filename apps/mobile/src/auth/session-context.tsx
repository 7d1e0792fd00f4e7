import { signInWithEmail, signOutSession } from "@tally/client";
import { useMutation } from "@tanstack/react-query";
import { createContext, type ReactNode, useContext, useEffect, useState, useSyncExternalStore } from "react";
import type { ApiEndpoints } from "../config/api-url.ts";
import { createSession, type Session } from "./session.ts";
// No extension: Metro picks token-store.native.ts or token-store.web.ts for the platform.
import { tokenStore } from "./token-store";

const SessionContext = createContext<{ session: Session; endpoints: ApiEndpoints } | null>(null);

type SessionProviderProps = {
  endpoints: ApiEndpoints;
  /** Forget the signed-out user's data, e.g. clear the query cache. */
  onSignedOut: () => void;
  children: (session: Session) => ReactNode;
};

export function SessionProvider({ endpoints, onSignedOut, children }: SessionProviderProps) {
  const [session] = useState(() =>
    createSession({
      store: tokenStore,
      revoke: (token) => signOutSession({ authUrl: endpoints.authUrl, token }),
      onSignedOut,
    }),
  );
  useEffect(() => {
    void session.restore();
  }, [session]);
  return (
    <SessionContext.Provider value={{ session, endpoints }}>{children(session)}</SessionContext.Provider>
  );
}

function useSessionContext() {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession… needs a SessionProvider above it");
  return value;
}

export function useSessionStatus() {
  const { session } = useSessionContext();
  return useSyncExternalStore(session.subscribe, session.status);
}

/** Email and password → bearer token in secure storage; the mutation's result says why it failed. */
export function useSignIn() {
  const { session, endpoints } = useSessionContext();
  return useMutation({
    mutationFn: async (credentials: { email: string; password: string }) => {
      const result = await signInWithEmail({ authUrl: endpoints.authUrl, ...credentials });
      if (result.ok) await session.signIn(result.token);
      return result;
    },
  });
}

export function useSignOut() {
  const { session } = useSessionContext();
  return () => void session.signOut();
}
