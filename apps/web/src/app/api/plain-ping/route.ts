import { pingInput } from "@tally/validators";

/**
 * `health.ping` without tRPC: the same input read from the same query string
 * and the same JSON back (superjson's envelope included), written by hand. The
 * bench's baseline for what tRPC costs inside a Next.js route (issue 19).
 */
export function GET(request: Request): Response {
  const raw = new URL(request.url).searchParams.get("input");
  let envelope: unknown;
  try {
    envelope = raw === null ? {} : JSON.parse(raw);
  } catch {
    return Response.json({ error: "input is not JSON" }, { status: 400 });
  }
  const parsed = pingInput.safeParse((envelope as { json?: unknown } | null)?.json);
  if (!parsed.success) return Response.json({ error: parsed.error.issues[0]?.message }, { status: 400 });
  return Response.json({ result: { data: { json: { pong: true, echo: parsed.data.echo ?? null } } } });
}
