// The baseline for catalog.products.list: node:http and pg doing by hand what
// the app does for a signed-in call — verify the bearer token's signature, run
// the same four statements the app sends (session, user, membership, page),
// validate the input with the same schema, answer in tRPC's superjson envelope.
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type ServerResponse } from "node:http";
import { authConfigFromEnv } from "@tally/auth";
import { listProductsInput } from "@tally/validators";
import pg from "pg";
import superjson from "superjson";

const { secret } = authConfigFromEnv();
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });

const SESSION_SQL = `SELECT "id", "expiresAt", "token", "createdAt", "updatedAt", "ipAddress", "userAgent", "userId", "activeOrganizationId" FROM "public"."session" WHERE "token" = $1 LIMIT $2 OFFSET $3`;
const USER_SQL = `SELECT "id", "name", "email", "emailVerified", "image", "createdAt", "updatedAt" FROM "public"."user" WHERE "id" = $1 LIMIT $2 OFFSET $3`;
const MEMBER_SQL = `SELECT "id", "role" FROM "public"."member" WHERE (("organizationId" = $1 AND "userId" = $2) AND 1=1) LIMIT $3 OFFSET $4`;
const PAGE_SQL = `SELECT "id", "sku", "name", "description", "priceMinor", "currency", "stock", "version", "archivedAt", "createdAt", "updatedAt" FROM "public"."product" WHERE ("organizationId" = $1 AND "archivedAt" IS NULL) ORDER BY "name" ASC, "id" ASC LIMIT $2 OFFSET $3`;

type ProductRow = { id: string; name: string } & Record<string, unknown>;

async function listProducts(authorization: string | undefined, rawInput: string | null) {
  const token = verifiedToken(authorization);
  if (!token) return null;
  const session = (await pool.query(SESSION_SQL, [token, 1, 0])).rows[0];
  if (!session || session.expiresAt < new Date()) return null;
  const user = (await pool.query(USER_SQL, [session.userId, 1, 0])).rows[0];
  if (!user || !session.activeOrganizationId) return null;
  const member = (await pool.query(MEMBER_SQL, [session.activeOrganizationId, user.id, 1, 0])).rows[0];
  if (!member) return null;
  const input = listProductsInput.parse(rawInput ? superjson.deserialize(JSON.parse(rawInput)) : {});
  const rows: ProductRow[] = (await pool.query(PAGE_SQL, [session.activeOrganizationId, input.limit + 1, 0]))
    .rows;
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
        ? send(res, 200, JSON.stringify({ result: { data: superjson.serialize(page) } }))
        : send(res, 401, '{"error":"unauthorized"}'),
    () => send(res, 400, '{"error":"bad request"}'),
  );
});
server.listen(Number(process.env.PORT ?? 0), "127.0.0.1");
process.on("SIGTERM", () => server.close(() => pool.end().then(() => process.exit(0))));
