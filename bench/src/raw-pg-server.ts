// The baseline for catalog.products.list: node:http and pg doing by hand what
// the app does for a signed-in call, statement for statement. A bearer token
// is verified and its session and user read once, then kept for 15 s as the
// app's session cache does; every call then runs the app's two statements (the
// membership read that also confirms the session, the page), validates the
// input with the same schema and answers with the app's own serializer. What
// remains between the two is tRPC, the express lane, Prisma and the context.
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type ServerResponse } from "node:http";
import { serializeOutput } from "@tally/api";
import { authConfigFromEnv } from "@tally/auth";
import { listProductsInput } from "@tally/validators";
import pg from "pg";
import superjson from "superjson";
import { serverConfig } from "./bench-config.ts";

const { secret, sessionCacheSeconds = 15 } = authConfigFromEnv();
const config = serverConfig();
const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: 10 });

const SESSION_SQL = `SELECT "id", "expiresAt", "token", "createdAt", "updatedAt", "ipAddress", "userAgent", "userId", "activeOrganizationId" FROM "public"."session" WHERE "token" = $1 LIMIT $2 OFFSET $3`;
const USER_SQL = `SELECT "id", "name", "email", "emailVerified", "image", "createdAt", "updatedAt" FROM "public"."user" WHERE "id" = $1 LIMIT $2 OFFSET $3`;
// As Prisma writes them for the app (captured from its query log).
const MEMBER_SQL = `SELECT "public"."member"."id", "public"."member"."role" FROM "public"."member" LEFT JOIN "public"."user" AS "j0" ON ("j0"."id") = ("public"."member"."userId") WHERE ("public"."member"."organizationId" = $1 AND "public"."member"."userId" = $2 AND (EXISTS(SELECT "t1"."userId" FROM "public"."session" AS "t1" WHERE ("t1"."token" = $3 AND "t1"."activeOrganizationId" = $4 AND "t1"."expiresAt" > $5 AND ("j0"."id") = ("t1"."userId") AND "t1"."userId" IS NOT NULL)) AND ("j0"."id" IS NOT NULL))) LIMIT $6 OFFSET $7`;
const PAGE_SQL = `SELECT "public"."product"."id", "public"."product"."sku", "public"."product"."name", "public"."product"."description", "public"."product"."priceMinor", "public"."product"."currency", "public"."product"."stock", "public"."product"."version", "public"."product"."archivedAt", "public"."product"."createdAt", "public"."product"."updatedAt" FROM "public"."product" WHERE ("public"."product"."organizationId" = $1 AND "public"."product"."archivedAt" IS NULL) ORDER BY "public"."product"."name" ASC, "public"."product"."id" ASC LIMIT $2 OFFSET $3`;

type ProductRow = { id: string; name: string } & Record<string, unknown>;
type Session = { token: string; userId: string; activeOrganizationId: string | null; expiresAt: Date };

const sessions = new Map<string, { session: Session; until: number }>();

async function sessionOf(authorization: string | undefined): Promise<Session | null> {
  if (!authorization) return null;
  const cached = sessions.get(authorization);
  if (cached && cached.until > Date.now()) return cached.session;
  const token = verifiedToken(authorization);
  if (!token) return null;
  const session: Session | undefined = (await pool.query(SESSION_SQL, [token, 1, 0])).rows[0];
  if (!session || session.expiresAt < new Date()) return null;
  const user = (await pool.query(USER_SQL, [session.userId, 1, 0])).rows[0];
  if (!user) return null;
  sessions.set(authorization, { session, until: Date.now() + sessionCacheSeconds * 1000 });
  return session;
}

async function listProducts(authorization: string | undefined, rawInput: string | null) {
  const session = await sessionOf(authorization);
  const organizationId = session?.activeOrganizationId;
  if (!session || !organizationId) return null;
  const memberParams = [organizationId, session.userId, session.token, organizationId, new Date(), 1, 0];
  const member = (await pool.query(MEMBER_SQL, memberParams)).rows[0];
  if (!member) return null;
  const input = listProductsInput.parse(rawInput ? superjson.deserialize(JSON.parse(rawInput)) : {});
  const rows: ProductRow[] = (await pool.query(PAGE_SQL, [organizationId, input.limit + 1, 0])).rows;
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  const nextCursor =
    rows.length > input.limit && last
      ? Buffer.from(JSON.stringify([last.name, last.id])).toString("base64url")
      : null;
  return { items, nextCursor };
}

/** better-auth's bearer tokens are `token.signature`, the signature an HMAC-SHA256 of the token. */
function verifiedToken(authorization: string | undefined): string | null {
  const signed = authorization?.startsWith("Bearer ") ? authorization.slice(7) : null;
  const dot = signed?.lastIndexOf(".") ?? -1;
  if (!signed || dot < 1) return null;
  const token = signed.slice(0, dot);
  const expected = createHmac("sha256", secret).update(token).digest();
  const given = Buffer.from(signed.slice(dot + 1), "base64");
  return given.length === expected.length && timingSafeEqual(given, expected) ? token : null;
}

function send(res: ServerResponse, status: number, body: string) {
  res
    .writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body) })
    .end(body);
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://localhost");
  if (url.pathname === "/health") return send(res, 200, '{"status":"ok"}');
  if (url.pathname !== "/trpc/catalog.products.list") return send(res, 404, '{"error":"not found"}');
  listProducts(req.headers.authorization, url.searchParams.get("input")).then(
    (page) =>
      page
        ? send(res, 200, JSON.stringify({ result: { data: serializeOutput(page) } }))
        : send(res, 401, '{"error":"unauthorized"}'),
    () => send(res, 400, '{"error":"bad request"}'),
  );
});
server.listen(config.PORT, "127.0.0.1");
process.on("SIGTERM", () => server.close(() => pool.end().then(() => process.exit(0))));
