/**
 * `orgkit.forActor(actor)`: the checks of one request answer like
 * `orgkit.authorize` and `orgkit.can`, and reach the store once.
 */
import { describe, expect, it } from 'vitest';
import { createOrgkit, type Orgkit } from '../../src/index.js';
import { type FaultyStore, faultyStore } from '../../src/testing/faulty-store.js';
import { addMember, type Harness, rejection, seedOrganization, useHarness } from '../support/harness.js';
import { STORES } from '../support/stores.js';

/** An orgkit over `h`'s store that counts every store call. */
function counting(h: Harness): { orgkit: Orgkit; store: FaultyStore } {
  const store = faultyStore(h.store);
  const orgkit = createOrgkit({
    store,
    mailer: h.mailer,
    acceptUrl: (token) => `https://app.example/invite/${token}`,
    confirmEmailUrl: (token) => `https://app.example/confirm-email#${token}`,
  });
  return { orgkit, store };
}

for (const factory of STORES) {
  describe(`forActor: ${factory.name}`, () => {
    const h = useHarness(factory);

    it('answers a request full of checks, refusals included, with one store call', async () => {
      const { owner } = await seedOrganization(h);
      const user = await addMember(h, owner, 'user');
      const { orgkit, store } = counting(h);

      const access = orgkit.forActor(user.actor);
      expect(await access.can('members:read')).toBe(await h.orgkit.can(user.actor, 'members:read'));
      expect(await access.authorize('organization:read')).toEqual(
        await h.orgkit.authorize(user.actor, 'organization:read'),
      );
      expect(await rejection(access.authorize('members:update'))).toMatchObject({
        code: 'FORBIDDEN',
        details: { reason: 'ROLE_LACKS_PERMISSION', permission: 'members:update', role: 'user' },
      });
      await Promise.all([access.can('projects:read'), access.can('members:invite'), access.can('bots:update')]);

      expect(store.calls.map((call) => call.method)).toEqual(['getAccess']);
    });

    it('loads once per project, and answers checks without a project from a project check', async () => {
      const { owner } = await seedOrganization(h);
      const [assigned, other] = [
        await h.orgkit.projects.create(owner, { name: 'Assigned' }),
        await h.orgkit.projects.create(owner, { name: 'Other' }),
      ];
      const user = await addMember(h, owner, 'user', { projectIds: [assigned.id] });
      const elsewhere = await seedOrganization(h, 'Elsewhere');
      const foreign = await h.orgkit.projects.create(elsewhere.owner, { name: 'Foreign' });
      const { orgkit, store } = counting(h);

      const access = orgkit.forActor(user.actor);
      expect(await access.can('bots:update', { projectId: assigned.id })).toBe(true);
      expect(await access.can('bots:update', { projectId: assigned.id })).toBe(true);
      expect(await access.authorize('organization:read')).toEqual({ role: 'user', scope: 'all' });
      expect(store.calls).toHaveLength(1);

      expect(await rejection(access.authorize('bots:update', { projectId: other.id }))).toMatchObject({
        code: 'FORBIDDEN',
        details: { reason: 'PROJECT_NOT_ASSIGNED', projectId: other.id },
      });
      expect(await rejection(access.authorize('bots:update', { projectId: foreign.id }))).toMatchObject({
        code: 'NOT_FOUND',
      });
      expect(store.calls).toHaveLength(3);
    });

    it('keeps what it loaded for its request; a new binding sees later changes', async () => {
      const { owner } = await seedOrganization(h);
      const admin = await addMember(h, owner, 'admin');
      const { orgkit, store } = counting(h);

      const before = orgkit.forActor(admin.actor);
      expect(await before.can('members:update')).toBe(true);
      await h.orgkit.members.update(owner, admin.actor.userId, { role: 'user' });

      expect(await before.can('members:update')).toBe(true);
      expect(await orgkit.forActor(admin.actor).can('members:update')).toBe(false);
      expect(store.calls).toHaveLength(2);
      // The services check again in their own transaction: a stale binding lets no write through.
      expect(await rejection(orgkit.members.update(admin.actor, owner.userId, { fullName: 'X' }))).toMatchObject({
        code: 'FORBIDDEN',
      });
    });

    it('refuses a non-member and a disabled member as authorize does', async () => {
      const { owner } = await seedOrganization(h);
      const disabled = await addMember(h, owner, 'admin');
      await h.orgkit.members.setStatus(owner, disabled.actor.userId, 'disabled');
      const stranger = { userId: 'no-such-user', organizationId: owner.organizationId };

      expect(await rejection(h.orgkit.forActor(stranger).authorize('organization:read'))).toMatchObject({
        code: 'UNAUTHENTICATED',
      });
      expect(await h.orgkit.forActor(stranger).can('organization:read')).toBe(false);
      expect(await rejection(h.orgkit.forActor(disabled.actor).authorize('organization:read'))).toMatchObject({
        code: 'FORBIDDEN',
        details: { reason: 'MEMBER_DISABLED' },
      });
    });

    it('validates the actor when bound and the options on each check', async () => {
      const { owner } = await seedOrganization(h);

      expect(() => h.orgkit.forActor({ userId: '', organizationId: owner.organizationId })).toThrow(
        expect.objectContaining({ code: 'VALIDATION_FAILED' }),
      );
      expect(() => h.orgkit.forActor({ ...owner, role: 'owner' } as never)).toThrow(
        expect.objectContaining({ code: 'VALIDATION_FAILED' }),
      );
      const access = h.orgkit.forActor(owner);
      expect(await rejection(access.can('members:read', { projectId: ' padded' }))).toMatchObject({
        code: 'VALIDATION_FAILED',
      });
      expect(await rejection(access.can('members:read', { project: 'x' } as never))).toMatchObject({
        code: 'VALIDATION_FAILED',
      });
    });

    it('does not keep a failed load: the next check asks the store again', async () => {
      const { owner } = await seedOrganization(h);
      const { orgkit, store } = counting(h);
      store.failWhen((call) => call.index === 1);

      const access = orgkit.forActor(owner);
      expect(await rejection(access.can('members:read'))).toMatchObject({ code: 'STORE_FAILURE' });
      expect(await access.can('members:read')).toBe(true);
      expect(await access.can('members:update')).toBe(true);
      expect(store.calls).toHaveLength(2);
    });
  });
}
