import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../store/records.js';
import { aMail, aMembership, anAuditEvent, anOrganization, aTime, aTokenHash } from '../fixtures.js';
import {
  missingId,
  type StoreSource,
  seedInvitation,
  seedMember,
  seedOrganization,
  seedProject,
  seedUser,
} from './support.js';

const SETTINGS: { [key: string]: JsonValue } = {
  branding: { color: '#3366ff', logo: null },
  limits: [1, 2.5, -3],
  sso: true,
  note: 'Zürich — 東京',
};

export function describeOrganizations(store: StoreSource): void {
  describe('organizations', () => {
    it('insertOrganization stores the organization and its JSON settings', async () => {
      const organization = anOrganization({ settings: SETTINGS, createdAt: aTime(7), updatedAt: aTime(8) });

      await store().insertOrganization(organization);

      const read = await store().getOrganization(organization.id);
      expect(read).toEqual(organization);
      expect(read?.createdAt.getTime()).toBe(aTime(7).getTime());
    });

    it('getOrganization answers null for one that does not exist', async () => {
      expect(await store().getOrganization(missingId())).toBeNull();
    });

    it('updateOrganization changes only the fields in the patch; settings are replaced whole', async () => {
      const organization = await seedOrganization(store(), { name: 'Before', settings: SETTINGS });

      const renamed = await store().updateOrganization(organization.id, { name: 'After', updatedAt: aTime(10) });
      expect(renamed).toEqual({ ...organization, name: 'After', updatedAt: aTime(10) });

      const resettled = await store().updateOrganization(organization.id, {
        settings: { theme: 'dark' },
        updatedAt: aTime(20),
      });
      expect(resettled).toEqual({ ...organization, name: 'After', settings: { theme: 'dark' }, updatedAt: aTime(20) });
      expect(await store().getOrganization(organization.id)).toEqual(resettled);
    });

    it('updateOrganization answers null for one that does not exist', async () => {
      expect(await store().updateOrganization(missingId(), { name: 'Nobody', updatedAt: aTime() })).toBeNull();
    });

    it('lockOrganization answers whether the organization exists', async () => {
      const organization = await seedOrganization(store());

      const answers = await store().transaction(async (tx) => [
        await tx.lockOrganization(organization.id),
        await tx.lockOrganization(missingId()),
      ]);

      expect(answers).toEqual([true, false]);
    });

    it('listMembershipsOfUser lists the user’s organizations, oldest membership first', async () => {
      const user = await seedUser(store());
      const joinedLater = await seedOrganization(store(), { createdAt: aTime(0) });
      const joinedFirst = await seedOrganization(store(), { createdAt: aTime(50) });
      const notJoined = await seedOrganization(store());
      await seedMember(store(), notJoined.id);
      const later = aMembership({
        organizationId: joinedLater.id,
        userId: user.id,
        role: 'owner',
        createdAt: aTime(200),
      });
      const first = aMembership({
        organizationId: joinedFirst.id,
        userId: user.id,
        status: 'disabled',
        createdAt: aTime(100),
      });
      await store().insertMembership(later);
      await store().insertMembership(first);

      expect(await store().listMembershipsOfUser(user.id)).toEqual([
        { organization: joinedFirst, membership: first },
        { organization: joinedLater, membership: later },
      ]);
      expect(await store().listMembershipsOfUser(missingId())).toEqual([]);
    });

    it('deleteOrganization answers true once, then false; false for one that does not exist', async () => {
      const organization = await seedOrganization(store());

      expect(await store().deleteOrganization(organization.id)).toBe(true);
      expect(await store().deleteOrganization(organization.id)).toBe(false);
      expect(await store().deleteOrganization(missingId())).toBe(false);
      expect(await store().getOrganization(organization.id)).toBeNull();
    });

    it('deleteOrganization deletes everything in it and nothing outside it', async () => {
      const doomed = await seedOrganization(store());
      const kept = await seedOrganization(store());
      const { user } = await seedMember(store(), doomed.id, { role: 'owner' });
      await store().insertMembership(aMembership({ organizationId: kept.id, userId: user.id }));
      const doomedProject = await seedProject(store(), doomed.id);
      const keptProject = await seedProject(store(), kept.id);
      await store().assignProject({
        organizationId: doomed.id,
        projectId: doomedProject.id,
        userId: user.id,
        createdAt: aTime(),
      });
      await store().assignProject({
        organizationId: kept.id,
        projectId: keptProject.id,
        userId: user.id,
        createdAt: aTime(),
      });
      const doomedInvitation = await seedInvitation(store(), doomed.id, { projectIds: [doomedProject.id] });
      const keptInvitation = await seedInvitation(store(), kept.id, { email: doomedInvitation.email });
      const doomedMail = aMail({ organizationId: doomed.id, invitationId: doomedInvitation.id });
      const keptMail = aMail({ organizationId: kept.id, invitationId: keptInvitation.id });
      await store().insertMail(doomedMail);
      await store().insertMail(keptMail);
      const keptEvent = anAuditEvent({ organizationId: kept.id });
      await store().insertAuditEvents([anAuditEvent({ organizationId: doomed.id }), keptEvent]);

      expect(await store().deleteOrganization(doomed.id)).toBe(true);

      expect(await store().getOrganization(doomed.id)).toBeNull();
      expect(await store().getMember(doomed.id, user.id)).toBeNull();
      expect(await store().getAccess(doomed.id, user.id)).toBeNull();
      expect(await store().countActiveOwners(doomed.id)).toBe(0);
      expect(await store().getProject(doomed.id, doomedProject.id)).toBeNull();
      expect(await store().listProjects(doomed.id)).toEqual([]);
      expect(await store().getInvitation(doomed.id, doomedInvitation.id)).toBeNull();
      expect(await store().findInvitationByTokenHash(doomedInvitation.tokenHash)).toBeNull();
      expect(await store().findPendingInvitation(doomed.id, doomedInvitation.email)).toBeNull();
      expect(await store().listInvitations({ organizationId: doomed.id, now: aTime(), limit: 10 })).toEqual([]);
      expect(await store().getMail(doomedMail.id)).toBeNull();
      expect(await store().listAuditEvents({ organizationId: doomed.id, limit: 10 })).toEqual([]);

      // The user is global and stays; so does everything of the other organization.
      expect(await store().getUser(user.id)).toEqual(user);
      expect(await store().countMembershipsOfUser(user.id)).toBe(1);
      expect((await store().listMembershipsOfUser(user.id)).map((row) => row.organization.id)).toEqual([kept.id]);
      expect((await store().getMember(kept.id, user.id))?.projectIds).toEqual([keptProject.id]);
      expect(await store().getInvitation(kept.id, keptInvitation.id)).toEqual(keptInvitation);
      expect(await store().getMail(keptMail.id)).toEqual(keptMail);
      expect(await store().listAuditEvents({ organizationId: kept.id, limit: 10 })).toEqual([keptEvent]);
      expect(await store().listPendingMail(10)).toEqual([keptMail]);
    });

    it('deleteOrganization frees the token hashes of its invitations', async () => {
      const doomed = await seedOrganization(store());
      const other = await seedOrganization(store());
      const tokenHash = aTokenHash();
      await seedInvitation(store(), doomed.id, { tokenHash });

      await store().deleteOrganization(doomed.id);

      const reused = await seedInvitation(store(), other.id, { tokenHash });
      expect(await store().findInvitationByTokenHash(tokenHash)).toEqual(reused);
    });

    it('ids are opaque strings: ids that are not UUIDs work throughout', async () => {
      const suffix = aTokenHash().slice(0, 12);
      const organization = await seedOrganization(store(), { id: `org:${suffix}` });
      const { user } = await seedMember(store(), organization.id, { user: { id: `user/${suffix}` } });
      const project = await seedProject(store(), organization.id, { id: `project ${suffix}` });
      await store().assignProject({
        organizationId: organization.id,
        projectId: project.id,
        userId: user.id,
        createdAt: aTime(),
      });

      expect(await store().getMember(organization.id, user.id)).toMatchObject({
        userId: user.id,
        projectIds: [project.id],
      });
      expect(await store().getAccess(organization.id, user.id, project.id)).toMatchObject({ assigned: true });
    });

    it('copies settings in and out', async () => {
      const organization = anOrganization({ settings: structuredClone(SETTINGS) });
      await store().insertOrganization(organization);

      (organization.settings.branding as { color: string }).color = 'mutated after insert';
      const read = await store().getOrganization(organization.id);
      expect(read?.settings).toEqual(SETTINGS);

      (read!.settings.limits as number[]).push(99);
      expect((await store().getOrganization(organization.id))?.settings).toEqual(SETTINGS);
    });
  });
}
