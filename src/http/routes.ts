/**
 * The route table: every route of orgkit's JSON API, once. The Express
 * router, the Fastify plugin, the fetch handler, the OpenAPI document,
 * docs/http.md and the browser client are all made from it. A route is
 * named by its group and key (`members.list`), which is also its client
 * call: `client.members.list(orgId, query)`.
 *
 * Browser-safe: inputs are schema names (see http-schemas.ts) and a call
 * only reaches into the `orgkit` it is given, so importing this file pulls
 * in no zod, store or driver.
 */

import type { Permission } from '../access/default-matrix.js';
import type { Matrix, Scope } from '../access/matrix.js';
import type { AnyRoute } from './route.js';
import { route } from './route.js';

/** Each permission `role` holds, with its scope: what a UI may offer. */
function grantsOf(matrix: Matrix, role: string): Partial<Record<Permission, Scope>> {
  const grants: Partial<Record<string, Scope>> = {};
  for (const permission of matrix.permissions) {
    const scope = matrix.scope(role, permission);
    if (scope !== null) grants[permission] = scope;
  }
  return grants;
}

/** A role's rank; an unknown role ranks below every other. */
const rankOf = (matrix: Matrix, role: string) => matrix.rank(role) ?? Number.NEGATIVE_INFINITY;

/** Every role of the matrix, highest rank first: the order a UI lists them in. */
function rolesByRank<R extends string>(matrix: Matrix<R>): R[] {
  return [...matrix.roles].sort((a, b) => rankOf(matrix, b) - rankOf(matrix, a));
}

export const ROUTES = {
  organizations: {
    listForUser: route({
      method: 'GET',
      path: '/me/organizations',
      access: 'user',
      status: 200,
      response: { items: 'Membership' },
      summary: 'The organizations the signed-in user belongs to, with their role (`organizations.listForUser`).',
      call: async (orgkit, { userId }) => ({ items: await orgkit.organizations.listForUser(userId) }),
    }),
    get: route({
      method: 'GET',
      path: '/organizations/:orgId',
      status: 200,
      response: 'Organization',
      summary: 'The organization (`organizations.get`).',
      call: (orgkit, { actor }) => orgkit.organizations.get(actor),
    }),
    update: route({
      method: 'PATCH',
      path: '/organizations/:orgId',
      body: 'updateOrganization',
      status: 200,
      response: 'Organization',
      summary: 'Renames the organization or replaces its settings (`organizations.update`).',
      call: (orgkit, { actor, input }) => orgkit.organizations.update(actor, input),
    }),
    delete: route({
      method: 'DELETE',
      path: '/organizations/:orgId',
      status: 204,
      summary: 'Deletes the organization and everything in it (`organizations.delete`).',
      call: (orgkit, { actor }) => orgkit.organizations.delete(actor),
    }),
    access: route({
      method: 'GET',
      path: '/organizations/:orgId/access',
      status: 200,
      response: 'Access',
      summary:
        'The signed-in member, their role, each permission they hold with its scope, and the roles they may grant and act on.',
      call: async (orgkit, { actor }) => {
        const member = await orgkit.members.get(actor, actor.userId);
        const roles = rolesByRank(orgkit.matrix);
        return {
          member,
          role: member.role,
          permissions: grantsOf(orgkit.matrix, member.role),
          roles,
          // role-rules' checkGrant, inlined: importing it would bring the matrix code into the browser client.
          grantableRoles: roles.filter((role) => rankOf(orgkit.matrix, role) <= rankOf(orgkit.matrix, member.role)),
        };
      },
    }),
  },
  members: {
    list: route({
      method: 'GET',
      path: '/organizations/:orgId/members',
      query: 'listMembers',
      status: 200,
      response: { page: 'Member' },
      summary: 'One page of members, filtered by role and status, searched by name or email (`members.list`).',
      call: (orgkit, { actor, input }) => orgkit.members.list(actor, input),
    }),
    get: route({
      method: 'GET',
      path: '/organizations/:orgId/members/:userId',
      status: 200,
      response: 'Member',
      summary: 'One member (`members.get`).',
      call: (orgkit, { actor, params }) => orgkit.members.get(actor, params.userId),
    }),
    update: route({
      method: 'PATCH',
      path: '/organizations/:orgId/members/:userId',
      body: 'updateMember',
      status: 200,
      response: 'Member',
      summary: 'Changes a member’s role, email, timezone or full name (`members.update`).',
      call: (orgkit, { actor, params, input }) => orgkit.members.update(actor, params.userId, input),
    }),
    setStatus: route({
      method: 'PUT',
      path: '/organizations/:orgId/members/:userId/status',
      body: 'setMemberStatus',
      argument: 'status',
      status: 200,
      response: 'Member',
      summary: 'Disables or re-enables a member (`members.setStatus`).',
      call: (orgkit, { actor, params, input }) => orgkit.members.setStatus(actor, params.userId, input.status),
    }),
    remove: route({
      method: 'DELETE',
      path: '/organizations/:orgId/members/:userId',
      status: 204,
      summary: 'Removes a member; removing oneself is leaving (`members.remove`).',
      call: (orgkit, { actor, params }) => orgkit.members.remove(actor, params.userId),
    }),
    confirmEmail: route({
      method: 'POST',
      path: '/email-changes/confirm',
      access: 'public',
      body: 'token',
      status: 204,
      summary: 'Confirms a pending email change with the mailed token (`members.confirmEmail`). No sign-in.',
      call: async (orgkit, { input }) => {
        await orgkit.members.confirmEmail({ token: input.token });
      },
    }),
  },
  audit: {
    list: route({
      method: 'GET',
      path: '/organizations/:orgId/audit-events',
      query: 'listAuditEvents',
      status: 200,
      response: { page: 'AuditEvent' },
      summary: 'One page of the audit trail, newest first (`audit.list`).',
      call: (orgkit, { actor, input }) => orgkit.audit.list(actor, input),
    }),
  },
  invitations: {
    list: route({
      method: 'GET',
      path: '/organizations/:orgId/invitations',
      query: 'listInvitations',
      status: 200,
      response: { page: 'Invitation' },
      summary: 'One page of invitations, newest first (`invitations.list`).',
      call: (orgkit, { actor, input }) => orgkit.invitations.list(actor, input),
    }),
    create: route({
      method: 'POST',
      path: '/organizations/:orgId/invitations',
      body: 'createInvitation',
      status: 201,
      response: 'Invitation',
      summary: 'Invites an email as a role, with projects to assign on acceptance (`invitations.create`).',
      call: (orgkit, { actor, input }) => orgkit.invitations.create(actor, input),
    }),
    revoke: route({
      method: 'POST',
      path: '/organizations/:orgId/invitations/:invitationId/revoke',
      status: 200,
      response: 'Invitation',
      summary: 'Withdraws a pending invitation (`invitations.revoke`).',
      call: (orgkit, { actor, params }) => orgkit.invitations.revoke(actor, params.invitationId),
    }),
    resend: route({
      method: 'POST',
      path: '/organizations/:orgId/invitations/:invitationId/resend',
      status: 200,
      response: 'Invitation',
      summary: 'Mails a new link with a renewed expiry; the old link stops working (`invitations.resend`).',
      call: (orgkit, { actor, params }) => orgkit.invitations.resend(actor, params.invitationId),
    }),
    preview: route({
      method: 'POST',
      path: '/invitations/preview',
      access: 'public',
      body: 'token',
      argument: 'token',
      status: 200,
      response: 'InvitationPreview',
      summary: 'What an accept page shows for a token (`invitations.preview`). No sign-in.',
      call: (orgkit, { input }) => orgkit.invitations.preview(input.token),
    }),
    accept: route({
      method: 'POST',
      path: '/invitations/accept',
      access: 'anyone',
      body: 'acceptInvitation',
      status: 200,
      response: 'Acceptance',
      signsIn: true,
      summary:
        'Accepts an invitation, as the signed-in user if there is one; `onAccepted` may then sign the new member in (`invitations.accept`).',
      call: (orgkit, { input, userId }) =>
        orgkit.invitations.accept({
          token: input.token,
          fullName: input.fullName,
          timezone: input.timezone,
          ...(userId === undefined ? {} : { userId }),
        }),
    }),
  },
  projects: {
    list: route({
      method: 'GET',
      path: '/organizations/:orgId/projects',
      status: 200,
      response: { items: 'Project' },
      summary: 'The projects the member may see: all, or only assigned ones for a `user` (`projects.list`).',
      call: async (orgkit, { actor }) => ({ items: await orgkit.projects.list(actor) }),
    }),
    create: route({
      method: 'POST',
      path: '/organizations/:orgId/projects',
      body: 'createProject',
      status: 201,
      response: 'Project',
      summary: 'Creates a project (`projects.create`).',
      call: (orgkit, { actor, input }) => orgkit.projects.create(actor, input),
    }),
    rename: route({
      method: 'PATCH',
      path: '/organizations/:orgId/projects/:projectId',
      body: 'renameProject',
      argument: 'name',
      status: 200,
      response: 'Project',
      summary: 'Renames a project (`projects.rename`).',
      call: (orgkit, { actor, params, input }) => orgkit.projects.rename(actor, params.projectId, input.name),
    }),
    delete: route({
      method: 'DELETE',
      path: '/organizations/:orgId/projects/:projectId',
      status: 204,
      summary: 'Deletes a project and its assignments (`projects.delete`).',
      call: (orgkit, { actor, params }) => orgkit.projects.delete(actor, params.projectId),
    }),
    assign: route({
      method: 'PUT',
      path: '/organizations/:orgId/projects/:projectId/members/:userId',
      status: 204,
      summary: 'Assigns a member to a project; idempotent (`projects.assign`).',
      call: (orgkit, { actor, params }) => orgkit.projects.assign(actor, params.projectId, params.userId),
    }),
    unassign: route({
      method: 'DELETE',
      path: '/organizations/:orgId/projects/:projectId/members/:userId',
      status: 204,
      summary: 'Unassigns a member from a project; idempotent (`projects.unassign`).',
      call: (orgkit, { actor, params }) => orgkit.projects.unassign(actor, params.projectId, params.userId),
    }),
  },
} as const;

export type Routes = typeof ROUTES;

/** A route with its name (`members.list`), as adapters walk the table. */
export interface NamedRoute {
  readonly name: string;
  readonly route: AnyRoute;
}

/** Every route, in table order. */
export function listRoutes(): NamedRoute[] {
  return Object.entries(ROUTES).flatMap(([group, routes]) =>
    Object.entries(routes).map(([key, value]) => ({ name: `${group}.${key}`, route: value as AnyRoute })),
  );
}
