import {
  createOrganizationInput,
  invitationIdInput,
  inviteMemberInput,
  memberIdInput,
  organizationIdInput,
  updateMemberRoleInput,
  updateOrganizationSettingsInput,
} from "@tally/validators";
import type { TRPCRouterRecord } from "@trpc/server";
import { authedProcedure, orgProcedure, roleProcedure } from "../../trpc.ts";
import {
  acceptInvitation,
  getInvitation,
  inviteMember,
  listInvitations,
  revokeInvitation,
} from "./invitations.service.ts";
import { listMembers, removeMember, updateMemberRole } from "./members.service.ts";
import {
  createOrganization,
  getOrganizationSettings,
  listMyOrganizations,
  setActiveOrganization,
  updateOrganizationSettings,
} from "./organizations.service.ts";

export const orgRouter = {
  create: authedProcedure
    .input(createOrganizationInput)
    .mutation(({ ctx, input }) => createOrganization(ctx, input)),
  listMine: authedProcedure.query(({ ctx }) => listMyOrganizations(ctx)),
  setActive: authedProcedure
    .input(organizationIdInput)
    .mutation(({ ctx, input }) => setActiveOrganization(ctx, input.organizationId)),

  settings: {
    get: orgProcedure.query(({ ctx }) => getOrganizationSettings(ctx)),
    update: roleProcedure("owner")
      .input(updateOrganizationSettingsInput)
      .mutation(({ ctx, input }) => updateOrganizationSettings(ctx, input)),
  },

  members: {
    list: orgProcedure.query(({ ctx }) => listMembers(ctx)),
    updateRole: roleProcedure("admin")
      .input(updateMemberRoleInput)
      .mutation(({ ctx, input }) => updateMemberRole(ctx, input)),
    remove: roleProcedure("admin")
      .input(memberIdInput)
      .mutation(({ ctx, input }) => removeMember(ctx, input.memberId)),
  },

  invitations: {
    create: roleProcedure("admin")
      .input(inviteMemberInput)
      .mutation(({ ctx, input }) => inviteMember(ctx, input)),
    list: roleProcedure("admin").query(({ ctx }) => listInvitations(ctx)),
    revoke: roleProcedure("admin")
      .input(invitationIdInput)
      .mutation(({ ctx, input }) => revokeInvitation(ctx, input.invitationId)),
    /** For the invitee, before and when accepting. */
    get: authedProcedure
      .input(invitationIdInput)
      .query(({ ctx, input }) => getInvitation(ctx, input.invitationId)),
    accept: authedProcedure
      .input(invitationIdInput)
      .mutation(({ ctx, input }) => acceptInvitation(ctx, input.invitationId)),
  },
} satisfies TRPCRouterRecord;
