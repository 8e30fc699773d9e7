/**
 * The Users & Roles story over HTTP, through `orgkit/client`: the same steps
 * as the service-level seed walkthrough, plus every route's success status.
 */
import { expect, it } from 'vitest';
import type { Harness } from '../../support/harness.js';
import { HOUR, seedOrganization, uniqueEmail } from '../../support/harness.js';
import type { HttpKit } from './http-kit.js';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function flowScenarios(h: Harness, http: HttpKit): void {
  it('walks the Users & Roles page from invitation to audit trail', async () => {
    const { owner, organizationId: orgId } = await seedOrganization(h);
    const asOwner = http.client(owner.userId);
    const anonymous = http.client();

    const bots = await asOwner.projects.create(orgId, { name: 'Support bots' });
    const sales = await asOwner.projects.create(orgId, { name: 'Sales bots' });
    expect(bots.createdAt).toBeInstanceOf(Date);

    // Invite with projects; the invitee previews and accepts with no sign-in.
    const umaEmail = uniqueEmail('uma');
    const invitation = await asOwner.invitations.create(orgId, {
      email: umaEmail,
      role: 'user',
      projectIds: [bots.id],
    });
    expect(invitation).toMatchObject({ status: 'pending', role: 'user', projectIds: [bots.id], acceptedAt: null });
    expect(invitation.expiresAt).toBeInstanceOf(Date);
    const token = h.mailer.tokenFor(umaEmail)!;
    const preview = await anonymous.invitations.preview(token);
    expect(preview).toEqual({
      organizationName: 'Acme',
      email: umaEmail,
      role: 'user',
      expiresAt: invitation.expiresAt,
    });
    const { member: uma } = await anonymous.invitations.accept({ token, fullName: 'Uma User', timezone: 'Asia/Tokyo' });
    expect(uma).toMatchObject({ role: 'user', status: 'active', timezone: 'Asia/Tokyo', projectIds: [bots.id] });
    expect(uma.createdAt).toBeInstanceOf(Date);
    expect(http.accepted.at(-1)).toMatchObject({
      user: { id: uma.userId, email: umaEmail },
      member: { userId: uma.userId },
    });

    // The admin accepts over raw HTTP: the host's onAccepted signs them in with a cookie.
    const adaEmail = uniqueEmail('ada');
    await asOwner.invitations.create(orgId, { email: adaEmail, role: 'admin' });
    const accept = await http.raw('POST', '/invitations/accept', {
      body: { token: h.mailer.tokenFor(adaEmail), fullName: 'Ada Admin' },
    });
    expect(accept.status).toBe(200);
    expect(Object.keys(accept.json)).toEqual(['member']);
    expect(accept.json.member.createdAt).toMatch(ISO);
    const ada = accept.json.member as { userId: string };
    expect(accept.headers.get('set-cookie')).toContain(`session=${ada.userId}`);

    // The list: search, pages, filters.
    const found = await asOwner.members.list(orgId, { search: 'UMA' });
    expect(found.items.map((member) => member.userId)).toEqual([uma.userId]);
    const first = await asOwner.members.list(orgId, { limit: 2 });
    expect(first.items).toHaveLength(2);
    const rest = await asOwner.members.list(orgId, { limit: 2, cursor: first.nextCursor! });
    expect(rest).toMatchObject({ nextCursor: null, items: [{ userId: ada.userId }] });
    const admins = await asOwner.members.list(orgId, { role: 'admin', status: 'active' });
    expect(admins.items.map((member) => member.userId)).toEqual([ada.userId]);

    // The console: edit role and timezone, disable and enable.
    h.advance(HOUR);
    const edited = await asOwner.members.update(orgId, uma.userId, { role: 'admin', timezone: 'America/New_York' });
    expect(edited).toMatchObject({ role: 'admin', timezone: 'America/New_York' });
    expect(edited.updatedAt.getTime()).toBeGreaterThan(edited.createdAt.getTime());
    await asOwner.members.update(orgId, uma.userId, { role: 'user' });
    const asUma = http.client(uma.userId);
    expect((await asUma.projects.list(orgId)).items.map((project) => project.id)).toEqual([bots.id]);
    const disabled = await asOwner.members.setStatus(orgId, uma.userId, 'disabled');
    expect(disabled.status).toBe('disabled');
    await expect(asUma.projects.list(orgId)).rejects.toMatchObject({
      name: 'OrgkitError',
      code: 'FORBIDDEN',
      details: { reason: 'MEMBER_DISABLED' },
    });
    await asOwner.members.setStatus(orgId, uma.userId, 'active');
    expect((await asUma.projects.list(orgId)).items).toHaveLength(1);
    expect((await asOwner.projects.list(orgId)).items.map((project) => project.id)).toEqual([bots.id, sales.id]);

    // What the user's UI may show.
    const access = await asUma.organizations.access(orgId);
    expect(access.role).toBe('user');
    expect(access.member).toMatchObject({ userId: uma.userId, email: umaEmail });
    expect(access.permissions).toMatchObject({ 'projects:read': 'assigned', 'profile:update': 'all' });
    expect(access.permissions['members:read']).toBeUndefined();
    expect(access).toMatchObject({ roles: ['owner', 'admin', 'user'], grantableRoles: ['user'] });
    const ownerAccess = await asOwner.organizations.access(orgId);
    expect(ownerAccess.permissions['organization:delete']).toBe('all');
    expect(ownerAccess.grantableRoles).toEqual(['owner', 'admin', 'user']);
    expect((await http.client(ada.userId).organizations.access(orgId)).grantableRoles).toEqual(['admin', 'user']);

    // Their organizations, and the audit trail, newest first.
    const mine = await asUma.organizations.listForUser();
    expect(mine.items).toMatchObject([{ organization: { id: orgId, name: 'Acme' }, role: 'user', status: 'active' }]);
    expect(mine.items[0]!.organization.createdAt).toBeInstanceOf(Date);
    const { items: trail } = await asOwner.audit.list(orgId, { limit: 200 });
    expect(trail[0]!.createdAt).toBeInstanceOf(Date);
    expect(trail.map((event) => event.action).reverse()).toEqual([
      'organization.created',
      'member.added',
      'project.created',
      'project.created',
      'invitation.created',
      'invitation.accepted',
      'member.added',
      'invitation.created',
      'invitation.accepted',
      'member.added',
      'member.updated',
      'member.updated',
      'member.disabled',
      'member.enabled',
    ]);
  });

  it('answers each route with its documented status, JSON and ISO dates', async () => {
    const { owner, organizationId: orgId } = await seedOrganization(h, 'Routes');
    const as = { user: owner.userId };
    const org = `/organizations/${orgId}`;

    const created = await http.raw('POST', `${org}/projects`, { ...as, body: { name: 'P1' } });
    expect(created.status).toBe(201);
    expect(created.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(created.headers.get('cache-control')).toBe('no-store');
    expect(created.json.createdAt).toMatch(ISO);
    const projectId = created.json.id as string;

    const email = uniqueEmail('routes');
    const invited = await http.raw('POST', `${org}/invitations`, { ...as, body: { email, role: 'admin' } });
    expect(invited.status).toBe(201);
    expect(invited.json).not.toHaveProperty('tokenHash');
    const invitationId = invited.json.id as string;
    expect((await http.raw('POST', `${org}/invitations/${invitationId}/resend`, as)).status).toBe(200);
    const listed = await http.raw('GET', `${org}/invitations?status=pending`, as);
    expect(listed.json).toMatchObject({ items: [{ id: invitationId }], nextCursor: null });
    const revoked = await http.raw('POST', `${org}/invitations/${invitationId}/revoke`, as);
    expect(revoked).toMatchObject({ status: 200, json: { status: 'revoked' } });

    const member = await http.client(owner.userId).invitations.create(orgId, { email: uniqueEmail('m'), role: 'user' });
    const { member: joined } = await http
      .client()
      .invitations.accept({ token: h.mailer.tokenFor(member.email)!, fullName: 'M' });
    const path = `${org}/projects/${projectId}/members/${joined.userId}`;
    expect(await http.raw('PUT', path, as)).toMatchObject({ status: 204, text: '' });
    expect((await http.raw('GET', `${org}/members/${joined.userId}`, as)).json.projectIds).toEqual([projectId]);
    expect((await http.raw('DELETE', path, as)).status).toBe(204);
    expect((await http.raw('PATCH', `${org}/projects/${projectId}`, { ...as, body: { name: 'P2' } })).json.name).toBe(
      'P2',
    );
    expect((await http.raw('DELETE', `${org}/projects/${projectId}`, as)).status).toBe(204);
    expect((await http.raw('DELETE', `${org}/members/${joined.userId}`, as)).status).toBe(204);

    const renamed = await http.raw('PATCH', org, { ...as, body: { name: 'Renamed', settings: { locale: 'de' } } });
    expect(renamed).toMatchObject({ status: 200, json: { name: 'Renamed', settings: { locale: 'de' } } });
    expect((await http.raw('GET', org, as)).json.name).toBe('Renamed');
    expect((await http.raw('GET', '/me/organizations', as)).json.items).toHaveLength(1);
    expect(await http.raw('DELETE', org, as)).toMatchObject({ status: 204, text: '' });
    expect((await http.raw('GET', org, as)).status).toBe(401);
  });

  it('passes the client’s query through the schemas: filters, limits and cursors', async () => {
    const { owner, organizationId: orgId } = await seedOrganization(h, 'Paging');
    const asOwner = http.client(owner.userId);
    for (const name of ['A', 'B', 'C']) await asOwner.projects.create(orgId, { name });
    const page = await asOwner.audit.list(orgId, { limit: 2 });
    expect(page.items).toHaveLength(2);
    const next = await asOwner.audit.list(orgId, { limit: 2, cursor: page.nextCursor! });
    expect(next.items).toHaveLength(2);
    expect(next.items.map((event) => event.id)).not.toContain(page.items[0]!.id);
    // Unknown keys are ignored (a cache-buster), the known ones coerced from strings.
    const raw = await http.raw('GET', `/organizations/${orgId}/audit-events?limit=1&_=123`, { user: owner.userId });
    expect(raw.json.items).toHaveLength(1);
  });
}
