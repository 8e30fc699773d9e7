/**
 * Type-level expectations for orgkit/client: calls typed from the route
 * table, the organization id in place of the actor, dates as `Date`, roles
 * and permissions from the matrix. Only type-checked, never run.
 */
import { createOrgkitClient, type OrgkitClient } from '../../src/client.js';
import { defineMatrix, type Member, type Organization, permissionMatrix, type Role } from '../../src/index.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const expectType = <T extends true>(_value?: T) => undefined;

const client = createOrgkitClient({ baseUrl: '/api' });
declare const orgId: string;
declare const userId: string;

export async function calls() {
  const page = await client.members.list(orgId, { search: 'ada', role: 'admin', limit: 20 });
  expectType<Equal<typeof page.nextCursor, string | null>>(true);
  expectType<Equal<(typeof page.items)[number]['createdAt'], Date>>(true);
  expectType<Equal<(typeof page.items)[number]['role'], Role>>(true);
  // The answers are the services' own types.
  const member: Member = await client.members.get(orgId, userId);
  const organization: Organization = await client.organizations.get(orgId);
  await client.members.list(orgId);
  await client.members.setStatus(orgId, userId, 'disabled');
  await client.projects.rename(orgId, 'project-id', 'New name');
  const preview = await client.invitations.preview('token');
  expectType<Equal<typeof preview.expiresAt, Date>>(true);
  const { member: joined } = await client.invitations.accept({ token: 't', fullName: 'Ada' });
  const removed = await client.members.remove(orgId, userId);
  expectType<Equal<typeof removed, undefined>>(true);
  const access = await client.organizations.access(orgId);
  expectType<Equal<(typeof access.permissions)['members:invite'], 'all' | 'assigned' | undefined>>(true);
  const invitation = await client.invitations.create(orgId, { email: 'e@x.test', role: 'user', projectIds: [] });
  expectType<Equal<typeof invitation.acceptedAt, Date | null>>(true);
  const { items } = await client.organizations.listForUser();
  expectType<Equal<(typeof items)[number]['organization']['createdAt'], Date>>(true);

  // @ts-expect-error the organization id comes first
  await client.members.list({ search: 'ada' });
  // @ts-expect-error no such role
  await client.members.list(orgId, { role: 'boss' });
  // @ts-expect-error a status is 'active' or 'disabled'
  await client.members.setStatus(orgId, userId, 'paused');
  // @ts-expect-error accept needs a full name
  await client.invitations.accept({ token: 't' });
  // @ts-expect-error no such permission
  access.permissions['members:invent'];
  // @ts-expect-error no such route
  client.members.promote;
  return { member, organization, joined };
}

// A host's own matrix types the client too.
const matrix = defineMatrix({
  extends: permissionMatrix,
  roles: { viewer: { rank: 5 } },
  permissions: { 'billing:read': { owner: 'all' } },
});
declare const custom: OrgkitClient<typeof matrix>;

export async function customMatrix() {
  const { items } = await custom.members.list(orgId, { role: 'viewer' });
  expectType<Equal<(typeof items)[number]['role'], 'owner' | 'admin' | 'user' | 'viewer'>>(true);
  const access = await custom.organizations.access(orgId);
  expectType<Equal<(typeof access.permissions)['billing:read'], 'all' | 'assigned' | undefined>>(true);
  await custom.invitations.create(orgId, { email: 'v@x.test', role: 'viewer' });
}
