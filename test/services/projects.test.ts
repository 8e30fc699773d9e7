import { describe, expect, it } from 'vitest';
import { addMember, HOUR, rejection, seedOrganization, useHarness } from '../support/harness.js';
import { STORES } from '../support/stores.js';

for (const factory of STORES) {
  describe(`projects: ${factory.name}`, () => {
    const h = useHarness(factory);

    it('creates, renames, lists and deletes projects', async () => {
      const { owner } = await seedOrganization(h);
      const admin = await addMember(h, owner, 'admin');
      const a = await h.orgkit.projects.create(owner, { name: ' Alpha ' });
      const b = await h.orgkit.projects.create(admin.actor, { name: 'Beta' });
      expect(a.name).toBe('Alpha');
      h.advance(HOUR);
      const renamed = await h.orgkit.projects.rename(admin.actor, a.id, 'Alpha 2');
      expect(renamed).toMatchObject({ name: 'Alpha 2', updatedAt: h.now(), createdAt: a.createdAt });
      expect((await h.orgkit.projects.list(owner)).map((p) => p.name)).toEqual(['Alpha 2', 'Beta']);
      await h.orgkit.projects.delete(owner, b.id);
      expect(await rejection(h.orgkit.projects.get(owner, b.id))).toMatchObject({ code: 'NOT_FOUND' });
      expect(await rejection(h.orgkit.projects.delete(owner, b.id))).toMatchObject({ code: 'NOT_FOUND' });
    });

    it('assigns and unassigns idempotently, and a user sees only assigned projects', async () => {
      const { owner } = await seedOrganization(h);
      const [a, b] = [
        await h.orgkit.projects.create(owner, { name: 'A' }),
        await h.orgkit.projects.create(owner, { name: 'B' }),
      ];
      const user = await addMember(h, owner, 'user');
      expect(await h.orgkit.projects.list(user.actor)).toEqual([]);
      expect((await h.orgkit.projects.assign(owner, b.id, user.actor.userId)).projectIds).toEqual([b.id]);
      const events = h.events.length;
      expect((await h.orgkit.projects.assign(owner, b.id, user.actor.userId)).projectIds).toEqual([b.id]);
      expect(h.events.length).toBe(events);
      expect((await h.orgkit.projects.list(user.actor)).map((p) => p.id)).toEqual([b.id]);
      expect(await h.orgkit.can(user.actor, 'bots:update', { projectId: b.id })).toBe(true);
      expect(await h.orgkit.can(user.actor, 'bots:update', { projectId: a.id })).toBe(false);
      await h.orgkit.projects.unassign(owner, b.id, user.actor.userId);
      expect(await h.orgkit.projects.list(user.actor)).toEqual([]);
      expect(await rejection(h.orgkit.projects.create(user.actor, { name: 'Mine' }))).toMatchObject({
        code: 'FORBIDDEN',
      });
    });

    it('drops a deleted project from assignments and from pending invitations', async () => {
      const { owner } = await seedOrganization(h);
      const gone = await h.orgkit.projects.create(owner, { name: 'Gone' });
      const kept = await h.orgkit.projects.create(owner, { name: 'Kept' });
      const user = await addMember(h, owner, 'user', { projectIds: [gone.id, kept.id] });
      const invited = await h.orgkit.invitations.create(owner, {
        email: 'later@example.test',
        role: 'user',
        projectIds: [gone.id],
      });
      await h.orgkit.projects.delete(owner, gone.id);
      expect((await h.orgkit.members.get(owner, user.actor.userId)).projectIds).toEqual([kept.id]);
      const { member } = await h.orgkit.invitations.accept({
        token: h.mailer.tokenFor(invited.email)!,
        fullName: 'Later',
      });
      expect(member.projectIds).toEqual([]);
    });

    it("answers NOT_FOUND for another organization's projects and members", async () => {
      const mine = await seedOrganization(h);
      const theirs = await seedOrganization(h);
      const foreign = await h.orgkit.projects.create(theirs.owner, { name: 'Secret project' });
      const own = await h.orgkit.projects.create(mine.owner, { name: 'Own' });
      // Thunks, run one at a time: a promise made up front could reject before it is awaited.
      for (const call of [
        () => h.orgkit.projects.get(mine.owner, foreign.id),
        () => h.orgkit.projects.rename(mine.owner, foreign.id, 'Hijacked'),
        () => h.orgkit.projects.delete(mine.owner, foreign.id),
        () => h.orgkit.projects.assign(mine.owner, foreign.id, mine.owner.userId),
        () => h.orgkit.projects.assign(mine.owner, own.id, theirs.owner.userId),
        () => h.orgkit.authorize(mine.owner, 'bots:read', { projectId: foreign.id }),
      ]) {
        const error = await rejection(call());
        expect(error).toMatchObject({ code: 'NOT_FOUND' });
        expect(error.message).not.toContain('Secret');
      }
      expect(await h.orgkit.projects.get(theirs.owner, foreign.id)).toMatchObject({ name: 'Secret project' });
    });
  });

  describe(`authorize and can: ${factory.name}`, () => {
    const h = useHarness(factory);

    it('explains every refusal with a machine-readable reason', async () => {
      const { owner } = await seedOrganization(h);
      const project = await h.orgkit.projects.create(owner, { name: 'P' });
      const user = await addMember(h, owner, 'user');

      await expect(h.orgkit.authorize(owner, 'organization:delete')).resolves.toEqual({ role: 'owner', scope: 'all' });
      await expect(h.orgkit.authorize(user.actor, 'projects:read')).resolves.toEqual({
        role: 'user',
        scope: 'assigned',
      });
      expect(await rejection(h.orgkit.authorize(user.actor, 'audit:read'))).toMatchObject({
        code: 'FORBIDDEN',
        details: { reason: 'ROLE_LACKS_PERMISSION', permission: 'audit:read', role: 'user' },
      });
      expect(await rejection(h.orgkit.authorize(user.actor, 'bots:create', { projectId: project.id }))).toMatchObject({
        code: 'FORBIDDEN',
        details: { reason: 'PROJECT_NOT_ASSIGNED', projectId: project.id },
      });
      await h.orgkit.members.setStatus(owner, user.actor.userId, 'disabled');
      expect(await rejection(h.orgkit.authorize(user.actor, 'organization:read'))).toMatchObject({
        code: 'FORBIDDEN',
        details: { reason: 'MEMBER_DISABLED' },
      });
      expect(await h.orgkit.can(user.actor, 'organization:read')).toBe(false);

      const stranger = { userId: 'no-such-user', organizationId: owner.organizationId };
      expect(await rejection(h.orgkit.authorize(stranger, 'organization:read'))).toMatchObject({
        code: 'UNAUTHENTICATED',
      });
      expect(await h.orgkit.can(stranger, 'organization:read')).toBe(false);
      // Bad input is not a refusal: `can` throws it rather than answering false.
      expect(await rejection(h.orgkit.can({ userId: '', organizationId: 'x' }, 'organization:read'))).toMatchObject({
        code: 'VALIDATION_FAILED',
      });
      expect(await rejection(h.orgkit.can(owner, 'organization:read', { projectId: 7 as never }))).toMatchObject({
        code: 'VALIDATION_FAILED',
      });
    });

    it('refuses a disabled member every call until re-enabled', async () => {
      const { owner } = await seedOrganization(h);
      const admin = await addMember(h, owner, 'admin');
      await h.orgkit.members.setStatus(owner, admin.actor.userId, 'disabled');
      const calls = [
        () => h.orgkit.organizations.get(admin.actor),
        () => h.orgkit.members.list(admin.actor),
        () => h.orgkit.members.update(admin.actor, admin.actor.userId, { fullName: 'Still here' }),
        () => h.orgkit.invitations.create(admin.actor, { email: 'x@example.test', role: 'user' }),
        () => h.orgkit.projects.create(admin.actor, { name: 'Nope' }),
        () => h.orgkit.projects.list(admin.actor),
        () => h.orgkit.audit.list(admin.actor),
      ];
      for (const call of calls) {
        expect(await rejection(call())).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'MEMBER_DISABLED' } });
      }
      await h.orgkit.members.setStatus(owner, admin.actor.userId, 'active');
      await expect(h.orgkit.organizations.get(admin.actor)).resolves.toMatchObject({ id: owner.organizationId });
    });
  });
}
