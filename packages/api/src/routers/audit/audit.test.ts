import { afterAll, beforeAll, expect, test } from "vitest";
import { createTestApi, type TestApi } from "../../testing/index.ts";

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api?.close());

test("role changes, removals, invitations and revocations are recorded with actor, target and request id", async () => {
  const org = await api.organisation("Audited");
  const member = await org.join("member", "Audited member");
  await org.caller.org.members.updateRole({ memberId: member.memberId, role: "admin" });
  const invitation = await org.caller.org.invitations.create({ email: "later@example.test" });
  await org.caller.org.invitations.revoke({ invitationId: invitation.id });
  await org.caller.org.members.remove({ memberId: member.memberId });

  const { items } = await org.caller.audit.list({ limit: 50 });
  const actions = items.map((event) => event.action);
  expect(actions).toEqual(
    expect.arrayContaining([
      "organization.created",
      "invitation.created",
      "invitation.accepted",
      "member.role_changed",
      "invitation.revoked",
      "member.removed",
    ]),
  );
  expect(items.find((event) => event.action === "member.role_changed")).toMatchObject({
    actorUserId: org.owner.id,
    targetId: member.id,
    requestId: expect.any(String),
    details: { from: "member", to: "admin" },
  });
  // Newest first.
  expect(items[0]?.action).toBe("member.removed");
});

test("failed sign-ins against a member show in their organisation's log without the password", async () => {
  const org = await api.organisation("Guarded");
  await expect(
    api.auth.api.signInEmail({ body: { email: org.owner.email, password: "wrong password 123" } }),
  ).rejects.toMatchObject({ status: "UNAUTHORIZED", body: { code: "INVALID_EMAIL_OR_PASSWORD" } });
  const { items } = await org.caller.audit.list({ action: "auth.sign_in_failed" });
  expect(items).toEqual([expect.objectContaining({ targetId: org.owner.id, actorUserId: null })]);
  expect(JSON.stringify(items)).not.toContain("wrong password");
});

test("filters and cursor pagination walk the log once, and another organisation's log stays its own", async () => {
  const { alice, bob } = await api.twoOrganisations();
  for (let i = 0; i < 5; i++) await alice.caller.org.invitations.create({ email: `guest${i}@example.test` });

  const seen: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await alice.caller.audit.list({
      limit: 2,
      action: "invitation.created",
      ...(cursor ? { cursor } : {}),
    });
    seen.push(...page.items.map((event) => event.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  expect(seen).toHaveLength(5);
  expect(new Set(seen).size).toBe(5);

  const bobs = await bob.caller.audit.list({ limit: 100 });
  expect(bobs.items.map((event) => event.action)).toEqual(["organization.created"]);
});

test("a date range that ends before it starts is refused on `from`", async () => {
  const org = await api.organisation("Dates");
  await expect(
    org.caller.audit.list({ from: new Date("2026-02-01"), to: new Date("2026-01-01") }),
  ).rejects.toMatchObject({
    code: "BAD_REQUEST",
  });
});
