import { randomBytes } from "node:crypto";
import { type AuthConfig, createAuth } from "@tally/auth";
import { createTestDatabase, type TestDatabase } from "@tally/db/testing";
import { openQueue } from "@tally/jobs";
import { apiKeyScopes, type CreateApiKeyInput, type MemberRole } from "@tally/validators";
import { defaultRulesConfig, type RulesConfig } from "../config.ts";
import type { EventFeed } from "../events/event-feed.ts";
import { createCaller } from "../root.ts";
import { createContext, type RequestSafety } from "../trpc.ts";

export {
  type BillingOrganisation,
  billingOrganisation,
  UNIT_PRICE_MINOR,
} from "../routers/invoices/invoices.fixtures.ts";

export const TEST_PASSWORD = "correct horse battery staple";

export const testAuthConfig: AuthConfig = {
  secret: "tally-test-secret-0123456789abcdef0123456789",
  baseURL: "http://127.0.0.1:3000",
  trustedOrigins: ["http://127.0.0.1:3000"],
  production: false,
};

/** Fixtures sign up many users from one address; the limiter's own tests pass strict limits. */
const roomyLimits = {
  perAddress: { points: 10_000, durationSeconds: 60 },
  perAccount: { points: 10_000, durationSeconds: 60 },
};

export type Caller = ReturnType<typeof createCaller>;
export type TestUser = { id: string; email: string; token: string; caller: Caller };

/**
 * A migrated private database, the real auth library on it, and fixtures
 * that build users and organisations through the same procedures users call.
 * Callers send a bearer token, and each call resolves its session afresh, just
 * like an HTTP request.
 */
export async function createTestApi({
  signInLimits,
  config = defaultRulesConfig,
}: {
  signInLimits?: Parameters<typeof createAuth>[0]["signInLimits"];
  /** The rules' configuration every caller gets (a test of a limit sets it low). */
  config?: RulesConfig;
} = {}) {
  const database: TestDatabase = await createTestDatabase();
  const db = database.prisma;
  const auth = createAuth({ prisma: db, config: testAuthConfig, signInLimits: signInLimits ?? roomyLimits });
  // Procedures enqueue into it; tests that want the jobs run start their own workers on it.
  const queue = await openQueue({ url: database.url });

  // Set by tests of live streams once they have opened an event hub on this database.
  let events: EventFeed | null = null;
  const callerWith = (headers: Headers, options: { signal?: AbortSignal } = {}) =>
    createCaller(
      () => createContext({ db, auth, headers, safety: testSafety(headers), queue, config, events }),
      options,
    );

  async function signUp(name = "Test user"): Promise<TestUser> {
    const email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${randomBytes(4).toString("hex")}@example.test`;
    const { token, user } = await auth.api.signUpEmail({ body: { email, password: TEST_PASSWORD, name } });
    if (!token) throw new Error("sign-up returned no session token");
    return {
      id: user.id,
      email,
      token,
      caller: callerWith(new Headers({ authorization: `Bearer ${token}` })),
    };
  }

  async function organisation(name: string) {
    const owner = await signUp(`${name} owner`);
    const slug = `${name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")}-${randomBytes(3).toString("hex")}`;
    const { id } = await owner.caller.org.create({ name, slug });

    /** A new user who joins through an invitation, promoted by the owner when asked for. */
    async function join(
      role: MemberRole = "member",
      userName = `${name} ${role}`,
    ): Promise<TestUser & { memberId: string }> {
      const user = await signUp(userName);
      const invitation = await owner.caller.org.invitations.create({
        email: user.email,
        role: role === "owner" ? "admin" : role,
      });
      await user.caller.org.invitations.accept({ invitationId: invitation.id });
      const { id: memberId } = await db.member.findUniqueOrThrow({
        where: { organizationId_userId: { organizationId: id, userId: user.id } },
      });
      if (role === "owner") await owner.caller.org.members.updateRole({ memberId, role: "owner" });
      return { ...user, memberId };
    }

    return { id, slug, owner, caller: owner.caller, join };
  }

  /**
   * A partner's key for `creator`'s organisation, and a caller that sends it
   * the way a partner does (`Authorization: Bearer tally_…`).
   */
  async function apiKey(
    creator: Pick<TestUser, "caller">,
    { scopes = [...apiKeyScopes], ...options }: Partial<CreateApiKeyInput> = {},
  ) {
    const { key, secret } = await creator.caller.apiKeys.create({
      name: `Key ${randomBytes(3).toString("hex")}`,
      scopes,
      rateLimitPerMinute: options.rateLimitPerMinute ?? 600,
      ...(options.expiresInDays ? { expiresInDays: options.expiresInDays } : {}),
    });
    return { key, secret, caller: callerWith(new Headers({ authorization: `Bearer ${secret}` })) };
  }

  return {
    db,
    auth,
    apiKey,
    kind: database.kind,
    /** A postgresql:// URL of this database, for tests that run the API in another process. */
    url: database.url,
    signUp,
    organisation,
    callerWith,
    /** Two tenants, for proving that neither sees the other's rows. */
    async twoOrganisations() {
      return { alice: await organisation("Alice Ltd"), bob: await organisation("Bob GmbH") };
    },
    anonymous: () => callerWith(new Headers()),
    queue,
    /** Callers made from now on subscribe through this feed, and wake it after their mutations. */
    useEvents(feed: EventFeed | null) {
      events = feed;
    },
    async close() {
      await queue.stop({ graceful: false });
      await database.close();
    },
  };
}

/**
 * What a host would conclude for the credentials tests send: a bearer token or
 * nothing. A cookie counts as cross-site here, since no host judged its origin
 * (packages/host/src/safety tests that judgement over HTTP).
 */
export function testSafety(headers: Headers): RequestSafety {
  if (headers.get("authorization")?.toLowerCase().startsWith("bearer "))
    return { credential: "bearer", crossSite: false };
  if (headers.has("cookie")) return { credential: "cookie", crossSite: true };
  return { credential: "none", crossSite: false };
}

export type TestApi = Awaited<ReturnType<typeof createTestApi>>;
export type TestOrganisation = Awaited<ReturnType<TestApi["organisation"]>>;
