import { describe, expect, it } from 'vitest';
import { addMember, HOUR, rejection, seedOrganization, uniqueEmail, useHarness } from '../support/harness.js';
import { STORES } from '../support/stores.js';

for (const factory of STORES) {
  describe(`organizations: ${factory.name}`, () => {
    const h = useHarness(factory);

    it('makes an existing user the owner of a new organization instead of a duplicate', async () => {
      const first = await seedOrganization(h, 'First');
      const { organization, owner } = await h.orgkit.organizations.create({
        name: 'Second',
        owner: { email: first.ownerEmail.toUpperCase(), fullName: 'Someone Else' },
      });
      expect(owner).toMatchObject({ userId: first.owner.userId, role: 'owner', fullName: 'Olivia Owner' });
      const memberships = await h.orgkit.organizations.listForUser(owner.userId);
      expect(memberships.map((m) => [m.organization.name, m.role, m.status])).toEqual([
        ['First', 'owner', 'active'],
        ['Second', 'owner', 'active'],
      ]);
      expect(organization.settings).toEqual({});
    });

    it('lets owners and admins update name and settings, and only owners delete', async () => {
      const { owner } = await seedOrganization(h);
      const admin = await addMember(h, owner, 'admin');
      const user = await addMember(h, owner, 'user');
      h.advance(HOUR);
      const updated = await h.orgkit.organizations.update(admin.actor, {
        name: 'Renamed',
        settings: { locale: 'de', seats: 5 },
      });
      expect(updated).toMatchObject({ name: 'Renamed', settings: { locale: 'de', seats: 5 }, updatedAt: h.now() });
      expect(await rejection(h.orgkit.organizations.update(user.actor, { name: 'Mine' }))).toMatchObject({
        code: 'FORBIDDEN',
      });
      expect(await rejection(h.orgkit.organizations.update(owner, {}))).toMatchObject({ code: 'VALIDATION_FAILED' });
      await expect(h.orgkit.organizations.get(user.actor)).resolves.toMatchObject({ name: 'Renamed' });
      expect(await rejection(h.orgkit.organizations.delete(admin.actor))).toMatchObject({
        code: 'FORBIDDEN',
        details: { reason: 'ROLE_LACKS_PERMISSION' },
      });
      const [event] = (await h.orgkit.audit.list(owner, { limit: 1 })).items;
      expect(event).toMatchObject({
        action: 'organization.updated',
        actorId: admin.actor.userId,
        changes: {
          name: { before: 'Acme', after: 'Renamed' },
          settings: { before: {}, after: { locale: 'de', seats: 5 } },
        },
      });
    });

    it('deletes everything in the organization and tells onEvent, but keeps users and other organizations', async () => {
      const doomed = await seedOrganization(h, 'Doomed');
      const other = await seedOrganization(h, 'Other');
      const project = await h.orgkit.projects.create(doomed.owner, { name: 'P' });
      const member = await addMember(h, doomed.owner, 'user', { projectIds: [project.id] });
      await addMember(h, other.owner, 'user', { email: member.email });
      const pendingEmail = uniqueEmail();
      await h.orgkit.invitations.create(doomed.owner, { email: pendingEmail, role: 'user' });
      const token = h.mailer.tokenFor(pendingEmail)!;

      await h.orgkit.organizations.delete(doomed.owner);
      expect(h.events.at(-1)).toMatchObject({ action: 'organization.deleted', organizationId: doomed.organizationId });
      expect(await rejection(h.orgkit.organizations.get(doomed.owner))).toMatchObject({ code: 'UNAUTHENTICATED' });
      expect(await h.store.getOrganization(doomed.organizationId)).toBeNull();
      expect(await h.store.getProject(doomed.organizationId, project.id)).toBeNull();
      expect(await rejection(h.orgkit.invitations.accept({ token, fullName: 'Too late' }))).toMatchObject({
        code: 'INVITATION_INVALID',
      });
      expect((await h.orgkit.organizations.listForUser(member.actor.userId)).map((m) => m.organization.name)).toEqual([
        'Other',
      ]);
      expect(await h.store.getUser(doomed.owner.userId)).not.toBeNull();
      expect((await h.orgkit.audit.list(other.owner)).items.length).toBeGreaterThan(0);
    });

    it('leaves settings alone when an update gives them as undefined', async () => {
      const { owner } = await seedOrganization(h);
      await h.orgkit.organizations.update(owner, { settings: { theme: 'dark' } });
      const updated = await h.orgkit.organizations.update(owner, { name: 'B', settings: undefined });
      expect(updated.settings).toEqual({ theme: 'dark' });
      const [event] = (await h.orgkit.audit.list(owner, { limit: 1 })).items;
      expect(event?.changes).toEqual({ name: { before: 'Acme', after: 'B' } });
    });

    it('pages the audit trail newest first', async () => {
      const { owner } = await seedOrganization(h);
      for (let i = 0; i < 4; i += 1) await h.orgkit.projects.create(owner, { name: `P${i}` });
      const first = await h.orgkit.audit.list(owner, { limit: 4 });
      const second = await h.orgkit.audit.list(owner, { limit: 4, cursor: first.nextCursor! });
      const names = [...first.items, ...second.items].map((event) => event.changes.name?.after ?? event.action);
      expect(names).toEqual(['P3', 'P2', 'P1', 'P0', 'member.added', 'Acme']);
      expect(second.nextCursor).toBeNull();
    });
  });
}
