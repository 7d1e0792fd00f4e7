import type { TokenStore } from "./token-store.types.ts";

type SessionStatus = "restoring" | "signed-out" | "signed-in";

export type SessionOptions = {
  store: TokenStore;
  /** Ends the session on the server when the user signs out. */
  revoke?: (token: string) => Promise<void>;
  /** Runs after every sign-out, asked for or not: forget whatever the last user could see. */
  onSignedOut?: () => void;
};

export type Session = ReturnType<typeof createSession>;

/**
 * The signed-in state outside React, so the tRPC links can read the token for
 * each request and sign out on UNAUTHORIZED without a component in between.
 * React subscribes to it through `useSessionStatus`.
 */
export function createSession({ store, revoke, onSignedOut }: SessionOptions) {
  let token: string | null = null;
  let status: SessionStatus = "restoring";
  const listeners = new Set<() => void>();

  function settle(next: string | null) {
    token = next;
    status = next ? "signed-in" : "signed-out";
    for (const listener of listeners) listener();
  }

  async function forget() {
    if (status === "signed-out") return;
    settle(null);
    onSignedOut?.();
    await store.clear();
  }

  return {
    token: () => token,
    status: () => status,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    /** Picks up the token a previous launch kept; an unreadable store counts as signed out. */
    async restore() {
      settle(await store.read().catch(() => null));
    },

    async signIn(newToken: string) {
      await store.write(newToken);
      settle(newToken);
    },

    /** The user asked: end the session on the server too, then forget it here. */
    async signOut() {
      const ending = token;
      await forget();
      if (ending) await revoke?.(ending);
    },

    /** The server no longer knows the session: forget it, there is nothing to revoke. */
    expire: forget,
  };
}
