/**
 * The session cache against a real database: reuse within the TTL, and every
 * change made through the auth library seen by the very next lookup.
 */
import { createTestDatabase, type TestDatabase } from "@tally/db/testing";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type Auth, type AuthSession, createAuth, lookUpSession } from "./auth.ts";
import type { AuthConfig } from "./env.ts";
import { createSessionCache, sessionCredentialKey } from "./session-cache.ts";

const ORIGIN = "http://127.0.0.1:3000";
const config = (sessionCacheSeconds: number): AuthConfig => ({
  secret: "session-cache-test-secret-0123456789abcdef",
  baseURL: ORIGIN,
  trustedOrigins: [ORIGIN],
  production: false,
  sessionCacheSeconds,
});

let database: TestDatabase;
let auth: Auth;
let uncached: Auth;

beforeAll(async () => {
  database = await createTestDatabase();
  auth = createAuth({ prisma: database.prisma, config: config(60) });
  uncached = createAuth({ prisma: database.prisma, config: config(0) });
});
afterAll(() => database?.close());

let accounts = 0;
/** A new user, signed in; the headers a mobile client would send. */
async function signedInUser(): Promise<Headers> {
  accounts++;
  const response = await auth.handler(
    new Request(`${ORIGIN}/api/auth/sign-up/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: ORIGIN },
      body: JSON.stringify({
        email: `cache-${accounts}@example.test`,
        password: "a long enough password",
        name: `Person ${accounts}`,
      }),
    }),
  );
  expect(response.status).toBe(200);
  const token = response.headers.get("set-auth-token");
  expect(token).toMatch(/^\S{20,}$/);
  return new Headers({ authorization: `Bearer ${token}` });
}

async function mustLookUp(headers: Headers): Promise<AuthSession> {
  const { identity } = await lookUpSession(auth, headers);
  if (!identity) throw new Error("expected a session");
  return identity;
}

const identityOf = async (which: Auth, headers: Headers) => (await lookUpSession(which, headers)).identity;

describe("reuse", () => {
  test("within the TTL a session is served without the database, and says so; with the cache off it is not", async () => {
    const headers = await signedInUser();
    const first = await lookUpSession(auth, headers);
    expect(first.cached).toBe(false);
    const session = first.identity?.session;
    // Behind the library's back, as another process would, so no hook tells the cache.
    await database.prisma.session.delete({ where: { id: session?.id } });

    const second = await lookUpSession(auth, headers);
    expect(second).toMatchObject({ cached: true, identity: { session: { id: session?.id } } });
    expect(await identityOf(uncached, headers)).toBeNull();
    // A fresh lookup asks the library, and forgets what the cache held.
    expect(await lookUpSession(auth, headers, { fresh: true })).toEqual({ identity: null, cached: false });
    expect(await identityOf(auth, headers)).toBeNull();
  });

  test("other credentials are other entries, and a forged signature finds nothing", async () => {
    const [first, second] = [await signedInUser(), await signedInUser()];
    const [a, b] = [await mustLookUp(first), await mustLookUp(second)];
    expect(a.user.id).not.toBe(b.user.id);
    expect((await mustLookUp(first)).user.id).toBe(a.user.id);

    const signed = first.get("authorization") ?? "";
    const forged = new Headers({ authorization: `${signed.slice(0, signed.lastIndexOf(".") + 1)}AAAA` });
    expect(await identityOf(auth, forged)).toBeNull();
  });

  test("a cached session cannot be changed by the request that holds it", async () => {
    const headers = await signedInUser();
    await mustLookUp(headers);
    const cached = await mustLookUp(headers);
    expect(() => {
      (cached.user as { name: string }).name = "Mallory";
    }).toThrow(TypeError);
  });
});

describe("changes through the auth library are seen by the next lookup", () => {
  test("signing out", async () => {
    const headers = await signedInUser();
    await mustLookUp(headers);
    const response = await auth.handler(
      new Request(`${ORIGIN}/api/auth/sign-out`, {
        method: "POST",
        headers: { authorization: headers.get("authorization") ?? "", origin: ORIGIN },
      }),
    );
    expect(response.status).toBe(200);
    expect(await identityOf(auth, headers)).toBeNull();
  });

  test("revoking the session from another one", async () => {
    const headers = await signedInUser();
    const { session, user } = await mustLookUp(headers);
    const other = await auth.api.signInEmail({
      body: { email: user.email, password: "a long enough password" },
      headers: new Headers({ origin: ORIGIN }),
    });
    await auth.api.revokeSession({
      body: { token: session.token },
      headers: new Headers({ authorization: `Bearer ${other.token}` }),
    });
    expect(await identityOf(auth, headers)).toBeNull();
  });

  test("switching organisation", async () => {
    const headers = await signedInUser();
    expect((await mustLookUp(headers)).session.activeOrganizationId).toBeNull();
    const organization = await auth.api.createOrganization({
      body: { name: "Cache Co", slug: `cache-co-${accounts}` },
      headers,
    });
    await auth.api.setActiveOrganization({ body: { organizationId: organization?.id ?? "" }, headers });
    expect((await mustLookUp(headers)).session.activeOrganizationId).toBe(organization?.id);
  });

  test("editing the profile", async () => {
    const headers = await signedInUser();
    await mustLookUp(headers);
    await auth.api.updateUser({ body: { name: "Renamed" }, headers });
    expect((await mustLookUp(headers)).user.name).toBe("Renamed");
  });
});

const COOKIE = "better-auth.session_token";
const keyOf = (headers: Headers) => sessionCredentialKey(headers, COOKIE);

describe("lifetime", () => {
  /** Real sessions from the database, counting how often the cache had to ask for one. */
  async function countedLoader() {
    const headers = await signedInUser();
    let loads = 0;
    const load = () => {
      loads++;
      return auth.api.getSession({ headers });
    };
    return { headers, load, loads: () => loads };
  }

  test("an entry is dropped when its TTL has passed", async () => {
    const cache = createSessionCache({ ttlMs: 40, keyOf });
    const { headers, load, loads } = await countedLoader();
    await cache.lookUp(headers, load);
    await cache.lookUp(headers, load);
    expect(loads()).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 80));
    await cache.lookUp(headers, load);
    expect(loads()).toBe(2);
  });

  test("an entry never outlives the session itself", async () => {
    const cache = createSessionCache({ ttlMs: 60_000, keyOf });
    const { headers, load, loads } = await countedLoader();
    const expiring = async () => {
      const found = await load();
      return found && { ...found, session: { ...found.session, expiresAt: new Date(Date.now() + 40) } };
    };
    await cache.lookUp(headers, expiring);
    await cache.lookUp(headers, expiring);
    expect(loads()).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 80));
    await cache.lookUp(headers, expiring);
    expect(loads()).toBe(2);
  });

  test("a lookup under way when its session changes does not store what it read", async () => {
    const cache = createSessionCache({ ttlMs: 60_000, keyOf });
    const { headers, load, loads } = await countedLoader();
    const token = (await load())?.session.token ?? "";
    const during = cache.lookUp(headers, async () => {
      const found = await load();
      cache.forgetSession(token);
      return found;
    });
    expect((await during).identity).toMatchObject({ session: { token } });
    await cache.lookUp(headers, load);
    expect(loads()).toBe(3);
  });

  test("other cookies beside the credentials share one entry", async () => {
    const cache = createSessionCache({ ttlMs: 60_000, keyOf });
    const { headers, load, loads } = await countedLoader();
    for (let visit = 0; visit < 3; visit++) {
      headers.set("cookie", `theme=dark; visit=${visit}`);
      await cache.lookUp(headers, load);
    }
    expect(loads()).toBe(1);
  });
});

describe("the key", () => {
  test("is the bearer token and the session cookie, nothing else", () => {
    const key = (authorization: string | null, cookie: string | null) =>
      sessionCredentialKey(
        new Headers({ ...(authorization ? { authorization } : {}), ...(cookie ? { cookie } : {}) }),
        COOKIE,
      );
    expect(key("Bearer a.b", null)).toBe("Bearer a.b\n");
    expect(key(null, `x=1; ${COOKIE}=tok.sig; y=2`)).toBe("\ntok.sig");
    expect(key(null, `x=1; ${COOKIE}=tok.sig`)).toBe(key(null, `${COOKIE}=tok.sig; z=9`));
    expect(key(null, "x=1")).toBeNull();
    expect(key(null, null)).toBeNull();
    // Which copy the library would read is not ours to guess: no caching.
    expect(key(null, `${COOKIE}=a.b; ${COOKIE}=c.d`)).toBeNull();
  });
});
