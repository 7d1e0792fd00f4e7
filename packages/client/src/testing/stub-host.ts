import { initTRPC, TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import superjson from "superjson";

export const STUB_TOKEN = "stub-token-of-a-live-session";

type StubContext = { authorization: string | null };
const t = initTRPC.context<StubContext>().create({ transformer: superjson });

const signedIn = t.procedure.use(({ ctx, next }) => {
  if (ctx.authorization !== `Bearer ${STUB_TOKEN}`) {
    throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in first" });
  }
  return next();
});

/**
 * A few of the real procedure paths with canned answers, speaking the real
 * wire format (batching, superjson, error shapes). Client tests run against it
 * without a database; the contract and browser tests cover the real hosts.
 */
const stubRouter = t.router({
  health: { check: t.procedure.query(() => ({ status: "ok" as const })) },
  account: {
    me: signedIn.query(() => ({
      user: { id: "user-1", name: "Alice", email: "alice@demo.tally.test" },
      activeOrganization: null,
      role: null,
    })),
  },
  orders: {
    place: signedIn.mutation(() => ({ id: "order-1", status: "placed" as const, version: 2 })),
  },
});

export type StubHost = {
  /** Use as the client's `fetch`: answers in-process, no port. */
  fetch: typeof fetch;
  /** Every request the client sent, in order. */
  requests: Request[];
};

export function createStubHost(trpcUrl = "http://tally.test/trpc"): StubHost {
  const requests: Request[] = [];
  const endpoint = new URL(trpcUrl).pathname;
  const stubFetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    requests.push(request.clone());
    return fetchRequestHandler({
      endpoint,
      req: request,
      router: stubRouter,
      createContext: () => ({ authorization: request.headers.get("authorization") }),
    });
  };
  return { fetch: stubFetch, requests };
}
