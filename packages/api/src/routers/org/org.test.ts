import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestApi, type TestApi } from "../../testing/index.ts";

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api?.close());

describe("organisations", () => {
  test("the creator becomes owner and the new organisation becomes active", async () => {
    const user = await api.signUp("Founder");
    const org = await user.caller.org.create({ name: "Founders Ltd", slug: "founders-ltd" });
    await expect(user.caller.account.me()).resolves.toMatchObject({
      activeOrganization: { id: org.id, slug: "founders-ltd" },
      role: "owner",
    });
    await expect(user.caller.org.listMine()).resolves.toEqual([
      expect.objectContaining({ id: org.id, role: "owner", active: true }),
    ]);
  });

  test("a taken slug is a CONFLICT and creates nothing", async () => {
    const first = await api.signUp("First");
    const second = await api.signUp("Second");
    await first.caller.org.create({ name: "Taken", slug: "taken-slug" });
    const before = await api.db.organization.count();
    await expect(second.caller.org.create({ name: "Also taken", slug: "taken-slug" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect(await api.db.organization.count()).toBe(before);
  });

  test("switching to an organisation you are not in reads as not found, like one that does not exist, and changes nothing", async () => {
    const { alice, bob } = await api.twoOrganisations();
    const refusal = (organizationId: string) =>
      bob.caller.org.setActive({ organizationId }).then(
        () => "switched",
        (error: { code: string; message: string }) => ({
          code: error.code,
          message: error.message.replace(organizationId, "<id>"),
        }),
      );
    const foreign = await refusal(alice.id);
    expect(foreign).toEqual({ code: "NOT_FOUND", message: expect.stringContaining("Organisation") });
    expect(await refusal("org_does_not_exist")).toEqual(foreign);
    await expect(bob.caller.account.me()).resolves.toMatchObject({ activeOrganization: { id: bob.id } });
  });

  test("a member of two organisations switches between them and sees each one's data", async () => {
    const { alice, bob } = await api.twoOrganisations();
    await alice.caller.catalog.products.create({
      sku: "ONLY-ALICE",
      name: "Alice's",
      priceMinor: 1,
      currency: "USD",
    });
    const shared = await bob.join("member", "Shared person");
    const invitation = await alice.caller.org.invitations.create({ email: shared.email });
    await shared.caller.org.invitations.accept({ invitationId: invitation.id });
    expect((await shared.caller.catalog.products.list()).items.map((p) => p.sku)).toEqual(["ONLY-ALICE"]);
    await shared.caller.org.setActive({ organizationId: bob.id });
    expect((await shared.caller.catalog.products.list()).items).toEqual([]);
  });
});

describe("members and roles", () => {
  test("a member cannot change roles; an admin can make a member an admin", async () => {
    const org = await api.organisation("Roles");
    const admin = await org.join("admin");
    const member = await org.join("member");
    await expect(
      member.caller.org.members.updateRole({ memberId: admin.memberId, role: "member" }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await admin.caller.org.members.updateRole({ memberId: member.memberId, role: "admin" });
    await expect(member.caller.account.me()).resolves.toMatchObject({ role: "admin" });
  });

  test("an admin cannot make an owner; an owner can", async () => {
    const org = await api.organisation("Owners");
    const admin = await org.join("admin");
    const member = await org.join("member");
    await expect(
      admin.caller.org.members.updateRole({ memberId: member.memberId, role: "owner" }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await org.caller.org.members.updateRole({ memberId: member.memberId, role: "owner" });
    await expect(member.caller.account.me()).resolves.toMatchObject({ role: "owner" });
  });

  test("the last owner can be neither demoted nor removed", async () => {
    const org = await api.organisation("Solo");
    const ownerMember = await api.db.member.findFirstOrThrow({
      where: { organizationId: org.id, userId: org.owner.id },
    });
    await expect(
      org.caller.org.members.updateRole({ memberId: ownerMember.id, role: "admin" }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
    });
    const coOwner = await org.join("owner");
    await expect(coOwner.caller.org.members.remove({ memberId: ownerMember.id })).resolves.toEqual({
      removed: true,
    });
    await expect(org.owner.caller.catalog.products.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(coOwner.caller.org.members.remove({ memberId: coOwner.memberId })).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  test("a removed member loses access on the next call", async () => {
    const org = await api.organisation("Removal");
    const member = await org.join("member");
    await expect(member.caller.catalog.products.list()).resolves.toEqual({ items: [], nextCursor: null });
    await org.caller.org.members.remove({ memberId: member.memberId });
    await expect(member.caller.catalog.products.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  test("an admin of one organisation cannot touch another's members", async () => {
    const { alice, bob } = await api.twoOrganisations();
    const victim = await alice.join("member");
    await expect(bob.caller.org.members.remove({ memberId: victim.memberId })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(
      bob.caller.org.members.updateRole({ memberId: victim.memberId, role: "admin" }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await api.db.member.findUnique({ where: { id: victim.memberId } })).toMatchObject({
      role: "member",
    });
  });
});

describe("invitations", () => {
  test("only the invited address can see or accept an invitation; others are told it does not exist", async () => {
    const org = await api.organisation("Inviting");
    const invitee = await api.signUp("Invitee");
    const stranger = await api.signUp("Stranger");
    const invitation = await org.caller.org.invitations.create({
      email: invitee.email.toUpperCase(),
      role: "admin",
    });

    for (const attempt of [
      () => stranger.caller.org.invitations.get({ invitationId: invitation.id }),
      () => stranger.caller.org.invitations.accept({ invitationId: invitation.id }),
      () => stranger.caller.org.invitations.get({ invitationId: "no-such-invitation" }),
    ]) {
      await expect(attempt()).rejects.toMatchObject({
        code: "NOT_FOUND",
        message: expect.stringMatching(/^Invitation .* was not found$/),
      });
    }

    await expect(invitee.caller.org.invitations.get({ invitationId: invitation.id })).resolves.toMatchObject({
      organization: { id: org.id, name: "Inviting" },
      role: "admin",
    });
    await expect(
      invitee.caller.org.invitations.accept({ invitationId: invitation.id }),
    ).resolves.toMatchObject({ role: "admin" });
    await expect(invitee.caller.account.me()).resolves.toMatchObject({
      activeOrganization: { id: org.id },
      role: "admin",
    });
    await expect(
      invitee.caller.org.invitations.accept({ invitationId: invitation.id }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  test("a revoked or expired invitation cannot be accepted", async () => {
    const org = await api.organisation("Revoking");
    const invitee = await api.signUp("Late");
    const revoked = await org.caller.org.invitations.create({ email: invitee.email });
    await org.caller.org.invitations.revoke({ invitationId: revoked.id });
    await expect(invitee.caller.org.invitations.accept({ invitationId: revoked.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });

    const expired = await org.caller.org.invitations.create({ email: invitee.email });
    await api.db.invitation.update({
      where: { id: expired.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    await expect(invitee.caller.org.invitations.accept({ invitationId: expired.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(org.caller.org.invitations.list()).resolves.toEqual([]);
    expect(await api.db.member.count({ where: { organizationId: org.id, userId: invitee.id } })).toBe(0);
  });

  test("owners are promoted, never invited", async () => {
    const org = await api.organisation("No owner invites");
    await expect(
      org.caller.org.invitations.create({ email: "someone@example.test", role: "owner" as "admin" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("settings", () => {
  test("only an owner sets the tax rate; drafts pick it up at their next edit, placed orders keep theirs", async () => {
    const org = await api.organisation("Taxing");
    const admin = await org.join("admin");
    await expect(admin.caller.org.settings.update({ taxRateBasisPoints: 1000 })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(org.caller.org.settings.update({ taxRateBasisPoints: 10_001 })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });

    const customer = await org.caller.customers.create({ name: "Buyer" });
    const product = await org.caller.catalog.products.create({
      sku: "TAX-1",
      name: "Taxed",
      priceMinor: 1000,
      currency: "USD",
      stock: 10,
    });
    let draft = await org.caller.orders.create({ customerId: customer.id });
    draft = await org.caller.orders.addItem({
      orderId: draft.id,
      version: draft.version,
      productId: product.id,
      quantity: 1,
    });
    expect(draft.taxMinor).toBe(0);

    await org.caller.org.settings.update({ taxRateBasisPoints: 2000 });
    await expect(org.caller.org.settings.get()).resolves.toMatchObject({ taxRateBasisPoints: 2000 });
    draft = await org.caller.orders.addItem({
      orderId: draft.id,
      version: draft.version,
      productId: product.id,
      quantity: 1,
    });
    expect(draft).toMatchObject({ subtotalMinor: 2000, taxMinor: 400, totalMinor: 2400 });

    await org.caller.orders.place({ orderId: draft.id });
    await org.caller.org.settings.update({ taxRateBasisPoints: 0 });
    await expect(org.caller.orders.get({ id: draft.id })).resolves.toMatchObject({
      taxMinor: 400,
      taxRateBasisPoints: 2000,
    });
  });
});
