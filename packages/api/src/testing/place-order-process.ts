/**
 * A separate process that places one order through createCaller, for the
 * crash tests (idempotency.crash.test.ts): the parent SIGKILLs it at the point
 * it wants to prove survivable. Arguments: a JSON object with the database
 * URL, the caller's bearer token, the order id and the idempotency key.
 * Prints `result <superjson>` once the call has returned, then waits to be
 * killed, so nothing after the commit (not even closing the pool) runs.
 */
import { createAuth } from "@tally/auth";
import { openDatabase } from "@tally/db";
import superjson from "superjson";
import { z } from "zod";
import { createCaller } from "../root.ts";
import { createContext } from "../trpc.ts";
import { testAuthConfig } from "./index.ts";

const args = z
  .object({ url: z.string(), token: z.string(), orderId: z.string(), idempotencyKey: z.string() })
  .parse(JSON.parse(process.argv[2] ?? "{}"));

const { prisma: db } = await openDatabase({ kind: "postgres", url: args.url, poolSize: 2 });
const auth = createAuth({ prisma: db, config: testAuthConfig });
const caller = createCaller(() =>
  createContext({
    db,
    auth,
    headers: new Headers({ authorization: `Bearer ${args.token}` }),
    safety: { credential: "bearer", crossSite: false },
  }),
);
process.stdout.write("started\n");
const result = await caller.orders.place({ orderId: args.orderId, idempotencyKey: args.idempotencyKey });
process.stdout.write(`result ${superjson.stringify(result)}\n`);
await new Promise(() => {});
