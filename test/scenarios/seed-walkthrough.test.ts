/**
 * The help page's story, end to end, on every store: an owner sets up an
 * organization, invites an admin and a user with projects, and manages them
 * from the user console.
 */
import { describe, expect, it } from 'vitest';
import { addMember, HOUR, rejection, seedOrganization, useHarness } from '../support/harness.js';
import { STORES } from '../support/stores.js';

for (const factory of STORES) {
  describe(`seed walkthrough: ${factory.name}`, () => {
    const h = useHarness(factory);

    it('walks the Users & Roles page from invitation to audit trail', async () => {
      const { owner, organizationId } = await seedOrganization(h);
      const bots = await h.orgkit.projects.create(owner, { name: 'Support bots' });
      const sales = await h.orgkit.projects.create(owner, { name: 'Sales bots' });

      const admin = await addMember(h, owner, 'admin', { fullName: 'Ada Admin' });
      const user = await addMember(h, owner, 'user', { fullName: 'Uma User', projectIds: [bots.id] });
      expect(admin.member.role).toBe('admin');
      expect(user.member).toMatchObject({ role: 'user', status: 'active', timezone: 'UTC', projectIds: [bots.id] });

      // Admins manage users but hold no owner-level powers.
      const ownerInvite = await rejection(
        h.orgkit.invitations.create(admin.actor, { email: 'second-owner@example.test', role: 'owner' }),
      );
      expect(ownerInvite).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'ROLE_NOT_GRANTABLE' } });
      const disableOwner = await rejection(h.orgkit.members.setStatus(admin.actor, owner.userId, 'disabled'));
      expect(disableOwner).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'TARGET_OUTRANKS_ACTOR' } });

      // A user works only in assigned projects and manages nobody.
      const listAsUser = await rejection(h.orgkit.members.list(user.actor));
      expect(listAsUser).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'ROLE_LACKS_PERMISSION' } });
      await expect(h.orgkit.projects.get(user.actor, bots.id)).resolves.toMatchObject({ name: 'Support bots' });
      const unassigned = await rejection(h.orgkit.projects.get(user.actor, sales.id));
      expect(unassigned).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'PROJECT_NOT_ASSIGNED' } });
      expect((await h.orgkit.projects.list(user.actor)).map((p) => p.id)).toEqual([bots.id]);

      // The owner edits the user in the console.
      h.advance(HOUR);
      const edited = await h.orgkit.members.update(owner, user.actor.userId, {
        timezone: 'America/New_York',
        email: '  Uma.Renamed@Example.TEST ',
      });
      // The email waits for the new address to confirm it, from the link mailed there.
      expect(edited).toMatchObject({
        timezone: 'America/New_York',
        email: user.email,
        pendingEmail: 'uma.renamed@example.test',
      });
      expect(edited.updatedAt.getTime()).toBeGreaterThan(edited.createdAt.getTime());
      const confirmation = h.mailer.tokenFor('uma.renamed@example.test', 'email-change')!;
      await expect(h.orgkit.members.confirmEmail({ token: confirmation })).resolves.toEqual({
        userId: user.actor.userId,
        email: 'uma.renamed@example.test',
      });
      expect(h.mailer.lastTo(user.email)).toMatchObject({
        kind: 'email-changed',
        newEmail: 'uma.renamed@example.test',
      });
      await expect(h.orgkit.members.get(owner, user.actor.userId)).resolves.toMatchObject({
        email: 'uma.renamed@example.test',
        pendingEmail: null,
      });

      const disabled = await h.orgkit.members.setStatus(owner, user.actor.userId, 'disabled');
      expect(disabled.status).toBe('disabled');
      const refused = await rejection(h.orgkit.projects.get(user.actor, bots.id));
      expect(refused).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'MEMBER_DISABLED' } });
      await h.orgkit.members.setStatus(owner, user.actor.userId, 'active');
      await expect(h.orgkit.projects.get(user.actor, bots.id)).resolves.toMatchObject({ id: bots.id });

      // The only owner can neither leave nor be demoted.
      expect(await rejection(h.orgkit.members.remove(owner, owner.userId))).toMatchObject({
        code: 'LAST_OWNER',
      });
      expect(await rejection(h.orgkit.members.update(owner, owner.userId, { role: 'admin' }))).toMatchObject({
        code: 'LAST_OWNER',
      });

      const { items } = await h.orgkit.audit.list(owner, { limit: 200 });
      const trail = items.reverse().map((event) => `${event.action} ${event.targetType}`);
      expect(trail).toEqual([
        'organization.created organization',
        'member.added member',
        'project.created project',
        'project.created project',
        'invitation.created invitation',
        'invitation.accepted invitation',
        'member.added member',
        'invitation.created invitation',
        'invitation.accepted invitation',
        'member.added member',
        'member.updated member',
        'member.email_change_requested member',
        'member.updated member',
        'member.disabled member',
        'member.enabled member',
      ]);
      const updates = items.filter(
        (event) => event.action.startsWith('member.') && event.targetId === user.actor.userId,
      );
      expect(updates.map((event) => [event.action, event.actorId, event.changes])).toEqual(
        expect.arrayContaining([
          ['member.updated', owner.userId, { timezone: { before: 'UTC', after: 'America/New_York' } }],
          [
            'member.email_change_requested',
            owner.userId,
            { pendingEmail: { before: null, after: 'uma.renamed@example.test' } },
          ],
          // Confirmed by the user, from the new address.
          ['member.updated', user.actor.userId, { email: { before: user.email, after: 'uma.renamed@example.test' } }],
        ]),
      );
      expect(items.every((event) => event.organizationId === organizationId)).toBe(true);
      expect(h.events.map((event) => event.id).sort()).toEqual(items.map((event) => event.id).sort());
    });
  });
}
