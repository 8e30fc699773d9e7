import { describe, expect, it } from 'vitest';
import { addMember, HOUR, rejection, seedOrganization, uniqueEmail, useHarness } from '../support/harness.js';
import { STORES } from '../support/stores.js';

for (const factory of STORES) {
  describe(`members: ${factory.name}`, () => {
    const h = useHarness(factory);

    describe('listMembers', () => {
      it('pages through every member once, in a stable order, with an opaque cursor', async () => {
        const { owner } = await seedOrganization(h);
        for (let i = 0; i < 6; i += 1) await addMember(h, owner, i % 2 ? 'admin' : 'user', { fullName: `Member ${i}` });
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await h.orgkit.members.list(owner, { limit: 3, ...(cursor ? { cursor } : {}) });
          expect(page.items.length).toBeLessThanOrEqual(3);
          seen.push(...page.items.map((member) => member.userId));
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        expect(seen).toHaveLength(7);
        expect(new Set(seen).size).toBe(7);
        const all = await h.orgkit.members.list(owner, { limit: 200 });
        expect(all.items.map((member) => member.userId)).toEqual(seen);
        expect(all.nextCursor).toBeNull();
      });

      it('filters by role and status and searches name or email case-insensitively', async () => {
        const { owner } = await seedOrganization(h);
        const ada = await addMember(h, owner, 'admin', { fullName: 'Ada Lovelace' });
        const bob = await addMember(h, owner, 'user', { fullName: 'Bob 100% Builder', email: uniqueEmail('bob') });
        await h.orgkit.members.setStatus(owner, bob.actor.userId, 'disabled');

        const ids = async (query: Parameters<typeof h.orgkit.members.list>[1]) =>
          (await h.orgkit.members.list(owner, query)).items.map((member) => member.userId);
        expect(await ids({ role: 'admin' })).toEqual([ada.actor.userId]);
        expect(await ids({ status: 'disabled' })).toEqual([bob.actor.userId]);
        expect(await ids({ role: 'user', status: 'active' })).toEqual([]);
        expect(await ids({ search: 'LOVELACE' })).toEqual([ada.actor.userId]);
        expect(await ids({ search: '100% BUILDER' })).toEqual([bob.actor.userId]);
        expect(await ids({ search: bob.email.toUpperCase() })).toEqual([bob.actor.userId]);
        // `%` and `_` are literal, not wildcards.
        expect(await ids({ search: '%' })).toEqual([bob.actor.userId]);
        expect(await ids({ search: '_' })).toEqual([]);
      });

      it('refuses a limit above 200 and a forged cursor', async () => {
        const { owner } = await seedOrganization(h);
        expect(await rejection(h.orgkit.members.list(owner, { limit: 201 }))).toMatchObject({
          code: 'VALIDATION_FAILED',
        });
        expect(await rejection(h.orgkit.members.list(owner, { cursor: 'not-a-cursor' }))).toMatchObject({
          code: 'VALIDATION_FAILED',
        });
      });
    });

    describe('getMember', () => {
      it('shows the user console fields, and lets a user see only themselves', async () => {
        const { owner, organizationId } = await seedOrganization(h);
        const user = await addMember(h, owner, 'user', { fullName: 'Uma' });
        const member = await h.orgkit.members.get(owner, user.actor.userId);
        expect(member).toEqual({
          userId: user.actor.userId,
          organizationId,
          fullName: 'Uma',
          email: user.email,
          role: 'user',
          status: 'active',
          timezone: 'UTC',
          pendingEmail: null,
          projectIds: [],
          createdAt: h.now(),
          updatedAt: h.now(),
        });
        await expect(h.orgkit.members.get(user.actor, user.actor.userId)).resolves.toEqual(member);
        expect(await rejection(h.orgkit.members.get(user.actor, owner.userId))).toMatchObject({
          code: 'FORBIDDEN',
        });
      });
    });

    describe('updateMember', () => {
      it('lets a user change their own profile, but not their role or another member', async () => {
        const { owner } = await seedOrganization(h);
        const user = await addMember(h, owner, 'user');
        const other = await addMember(h, owner, 'user');
        h.advance(HOUR);
        const updated = await h.orgkit.members.update(user.actor, user.actor.userId, {
          fullName: '  Uma Renamed ',
          timezone: 'asia/tokyo',
        });
        expect(updated).toMatchObject({ fullName: 'Uma Renamed', timezone: 'Asia/Tokyo', updatedAt: h.now() });
        expect(
          await rejection(h.orgkit.members.update(user.actor, user.actor.userId, { role: 'admin' })),
        ).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'ROLE_LACKS_PERMISSION' } });
        expect(
          await rejection(h.orgkit.members.update(user.actor, other.actor.userId, { fullName: 'X' })),
        ).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'ROLE_LACKS_PERMISSION' } });
      });

      it('rejects invalid timezones and changes nothing', async () => {
        const { owner } = await seedOrganization(h);
        const user = await addMember(h, owner, 'user');
        for (const timezone of ['Mars/Phobos', '+01:00', '', 'x'.repeat(65)]) {
          expect(await rejection(h.orgkit.members.update(owner, user.actor.userId, { timezone }))).toMatchObject({
            code: 'VALIDATION_FAILED',
          });
        }
        expect((await h.orgkit.members.get(owner, user.actor.userId)).timezone).toBe('UTC');
      });

      it('treats fields given as undefined as not given', async () => {
        const { owner } = await seedOrganization(h);
        const user = await addMember(h, owner, 'user');
        await expect(
          h.orgkit.members.update(user.actor, user.actor.userId, { fullName: 'Self', role: undefined }),
        ).resolves.toMatchObject({ fullName: 'Self', role: 'user' });
        await h.orgkit.members.update(owner, user.actor.userId, {
          timezone: 'Europe/Paris',
          role: undefined,
          email: undefined,
        });
        const [event] = (await h.orgkit.audit.list(owner, { limit: 1 })).items;
        expect(event?.changes).toEqual({ timezone: { before: 'UTC', after: 'Europe/Paris' } });
        expect((await h.orgkit.members.get(owner, user.actor.userId)).email).toBe(user.email);
      });

      it('writes no audit event for a change that changes nothing', async () => {
        const { owner } = await seedOrganization(h);
        const user = await addMember(h, owner, 'user', { fullName: 'Same' });
        const before = h.events.length;
        await h.orgkit.members.update(owner, user.actor.userId, { fullName: 'Same', role: 'user' });
        expect(h.events.length).toBe(before);
      });
    });

    describe('last active owner', () => {
      it('lets one of two owners step down, but never the last one', async () => {
        const { owner } = await seedOrganization(h);
        const second = await addMember(h, owner, 'owner');
        await h.orgkit.members.update(second.actor, owner.userId, { role: 'admin' });
        expect(
          await rejection(h.orgkit.members.setStatus(second.actor, second.actor.userId, 'disabled')),
        ).toMatchObject({ code: 'LAST_OWNER' });
        expect(await rejection(h.orgkit.members.remove(second.actor, second.actor.userId))).toMatchObject({
          code: 'LAST_OWNER',
        });
      });

      it('does not count a disabled owner as the one that remains', async () => {
        const { owner } = await seedOrganization(h);
        const second = await addMember(h, owner, 'owner');
        await h.orgkit.members.setStatus(owner, second.actor.userId, 'disabled');
        expect(await rejection(h.orgkit.members.update(owner, owner.userId, { role: 'user' }))).toMatchObject({
          code: 'LAST_OWNER',
        });
        // Removing the disabled owner is fine: it was never the active one.
        await h.orgkit.members.remove(owner, second.actor.userId);
      });
    });

    describe('removeMember', () => {
      it('removes the member and their assignments; a member may leave on their own', async () => {
        const { owner } = await seedOrganization(h);
        const project = await h.orgkit.projects.create(owner, { name: 'P' });
        const user = await addMember(h, owner, 'user', { projectIds: [project.id] });
        const leaver = await addMember(h, owner, 'user');
        await h.orgkit.members.remove(owner, user.actor.userId);
        expect(await rejection(h.orgkit.members.get(owner, user.actor.userId))).toMatchObject({
          code: 'NOT_FOUND',
        });
        expect(await rejection(h.orgkit.projects.list(user.actor))).toMatchObject({ code: 'UNAUTHENTICATED' });
        await h.orgkit.members.remove(leaver.actor, leaver.actor.userId);
        expect(await h.orgkit.organizations.listForUser(leaver.actor.userId)).toEqual([]);
      });
    });
  });
}
