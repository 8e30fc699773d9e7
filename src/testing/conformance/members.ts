import { describe, expect, it } from 'vitest';
import { aMembership, aTime } from '../fixtures.js';
import {
  expectConflict,
  expectStoreFailure,
  missingId,
  type StoreSource,
  seedMember,
  seedOrganization,
  seedProject,
  seedUser,
} from './support.js';

export function describeMembers(store: StoreSource): void {
  describe('members', () => {
    it('getMember joins the membership with its user', async () => {
      const organization = await seedOrganization(store());
      const { user, membership } = await seedMember(store(), organization.id, {
        role: 'admin',
        status: 'disabled',
        createdAt: aTime(111),
        updatedAt: aTime(222),
        user: { fullName: 'Katherine Johnson', timezone: 'America/Chicago', updatedAt: aTime(100) },
      });

      const member = await store().getMember(organization.id, user.id);

      expect(member).toEqual({
        userId: user.id,
        organizationId: organization.id,
        fullName: 'Katherine Johnson',
        email: user.email,
        role: 'admin',
        status: 'disabled',
        timezone: 'America/Chicago',
        pendingEmail: null,
        pendingEmailExpiresAt: null,
        projectIds: [],
        createdAt: membership.createdAt,
        updatedAt: membership.updatedAt,
      });
      expect(member?.createdAt.getTime()).toBe(aTime(111).getTime());
    });

    it("a member's updatedAt is the later of the membership's and the user's", async () => {
      const organization = await seedOrganization(store());
      const { user } = await seedMember(store(), organization.id, {
        updatedAt: aTime(1_000),
        user: { updatedAt: aTime(500) },
      });
      expect((await store().getMember(organization.id, user.id))?.updatedAt.getTime()).toBe(aTime(1_000).getTime());

      await store().updateUser(user.id, { fullName: 'Renamed', updatedAt: aTime(2_000) });
      const afterUserChange = await store().getMember(organization.id, user.id);
      expect(afterUserChange?.updatedAt.getTime()).toBe(aTime(2_000).getTime());
      expect(afterUserChange?.fullName).toBe('Renamed');

      await store().updateMembership(organization.id, user.id, { role: 'admin', updatedAt: aTime(3_000) });
      expect((await store().getMember(organization.id, user.id))?.updatedAt.getTime()).toBe(aTime(3_000).getTime());
    });

    it("a member's projectIds are this organization's assignments, sorted", async () => {
      const organization = await seedOrganization(store());
      const other = await seedOrganization(store());
      const { user } = await seedMember(store(), organization.id);
      await store().insertMembership(aMembership({ organizationId: other.id, userId: user.id }));
      const projects = [
        await seedProject(store(), organization.id),
        await seedProject(store(), organization.id),
        await seedProject(store(), organization.id),
      ];
      const otherProject = await seedProject(store(), other.id);
      for (const project of [...projects].reverse()) {
        await store().assignProject({
          organizationId: organization.id,
          projectId: project.id,
          userId: user.id,
          createdAt: aTime(),
        });
      }
      await store().assignProject({
        organizationId: other.id,
        projectId: otherProject.id,
        userId: user.id,
        createdAt: aTime(),
      });

      const member = await store().getMember(organization.id, user.id);

      expect(member?.projectIds).toEqual(projects.map((project) => project.id).sort());
    });

    it('getMember answers null when there is no such membership', async () => {
      const organization = await seedOrganization(store());
      const other = await seedOrganization(store());
      const { user } = await seedMember(store(), other.id);

      expect(await store().getMember(organization.id, user.id)).toBeNull();
      expect(await store().getMember(organization.id, missingId())).toBeNull();
      expect(await store().getMember(missingId(), user.id)).toBeNull();
    });

    it('insertMembership twice is a CONFLICT (membership); another organization is fine', async () => {
      const organization = await seedOrganization(store());
      const other = await seedOrganization(store());
      const { user, membership } = await seedMember(store(), organization.id, { role: 'owner' });

      await expectConflict(
        store().insertMembership(aMembership({ organizationId: organization.id, userId: user.id, role: 'admin' })),
        'membership',
      );
      expect((await store().getMember(organization.id, user.id))?.role).toBe(membership.role);

      await store().insertMembership(aMembership({ organizationId: other.id, userId: user.id }));
      expect(await store().countMembershipsOfUser(user.id)).toBe(2);
    });

    it('insertMembership refuses a missing organization or user (STORE_FAILURE)', async () => {
      const organization = await seedOrganization(store());
      const user = await seedUser(store());

      await expectStoreFailure(store().insertMembership(aMembership({ organizationId: missingId(), userId: user.id })));
      await expectStoreFailure(
        store().insertMembership(aMembership({ organizationId: organization.id, userId: missingId() })),
      );
      expect(await store().countMembershipsOfUser(user.id)).toBe(0);
    });

    it('getAccess answers role, status, and the project asked about', async () => {
      const organization = await seedOrganization(store());
      const other = await seedOrganization(store());
      const { user } = await seedMember(store(), organization.id, { role: 'user', status: 'disabled' });
      await store().insertMembership(aMembership({ organizationId: other.id, userId: user.id }));
      const assigned = await seedProject(store(), organization.id);
      const unassigned = await seedProject(store(), organization.id);
      const elsewhere = await seedProject(store(), other.id);
      await store().assignProject({
        organizationId: organization.id,
        projectId: assigned.id,
        userId: user.id,
        createdAt: aTime(),
      });
      await store().assignProject({
        organizationId: other.id,
        projectId: elsewhere.id,
        userId: user.id,
        createdAt: aTime(),
      });
      const access = (projectId?: string) => store().getAccess(organization.id, user.id, projectId);

      expect(await access()).toEqual({ role: 'user', status: 'disabled', projectExists: false, assigned: false });
      expect(await access(assigned.id)).toEqual({
        role: 'user',
        status: 'disabled',
        projectExists: true,
        assigned: true,
      });
      expect(await access(unassigned.id)).toEqual({
        role: 'user',
        status: 'disabled',
        projectExists: true,
        assigned: false,
      });
      // Another organization's project does not exist here, even where the user is assigned to it.
      expect(await access(elsewhere.id)).toEqual({
        role: 'user',
        status: 'disabled',
        projectExists: false,
        assigned: false,
      });
      expect(await access(missingId())).toEqual({
        role: 'user',
        status: 'disabled',
        projectExists: false,
        assigned: false,
      });
    });

    it('getAccess answers null for a non-member', async () => {
      const organization = await seedOrganization(store());
      const project = await seedProject(store(), organization.id);
      const stranger = await seedUser(store());

      expect(await store().getAccess(organization.id, stranger.id)).toBeNull();
      expect(await store().getAccess(organization.id, stranger.id, project.id)).toBeNull();
      expect(await store().getAccess(missingId(), missingId())).toBeNull();
    });

    it('updateMembership changes only the fields in the patch', async () => {
      const organization = await seedOrganization(store());
      const { user, membership } = await seedMember(store(), organization.id, { role: 'user', status: 'active' });

      const demoted = await store().updateMembership(organization.id, user.id, {
        status: 'disabled',
        updatedAt: aTime(9),
      });
      expect(demoted).toEqual({ ...membership, status: 'disabled', updatedAt: aTime(9) });

      const promoted = await store().updateMembership(organization.id, user.id, {
        role: 'admin',
        updatedAt: aTime(10),
      });
      expect(promoted).toEqual({ ...membership, role: 'admin', status: 'disabled', updatedAt: aTime(10) });
      expect(await store().getMember(organization.id, user.id)).toMatchObject({ role: 'admin', status: 'disabled' });
    });

    it('updateMembership answers null when there is no such membership', async () => {
      const organization = await seedOrganization(store());
      const stranger = await seedUser(store());

      expect(
        await store().updateMembership(organization.id, stranger.id, { role: 'owner', updatedAt: aTime() }),
      ).toBeNull();
      expect(
        await store().updateMembership(missingId(), missingId(), { role: 'owner', updatedAt: aTime() }),
      ).toBeNull();
    });

    it('deleteMembership removes the member and their assignments in that organization only', async () => {
      const organization = await seedOrganization(store());
      const other = await seedOrganization(store());
      const { user } = await seedMember(store(), organization.id);
      await store().insertMembership(aMembership({ organizationId: other.id, userId: user.id }));
      const project = await seedProject(store(), organization.id);
      const otherProject = await seedProject(store(), other.id);
      await store().assignProject({
        organizationId: organization.id,
        projectId: project.id,
        userId: user.id,
        createdAt: aTime(),
      });
      await store().assignProject({
        organizationId: other.id,
        projectId: otherProject.id,
        userId: user.id,
        createdAt: aTime(),
      });

      expect(await store().deleteMembership(organization.id, user.id)).toBe(true);

      expect(await store().getMember(organization.id, user.id)).toBeNull();
      expect(await store().listProjects(organization.id, { assignedTo: user.id })).toEqual([]);
      expect(await store().getUser(user.id)).toEqual(user);
      expect(await store().countMembershipsOfUser(user.id)).toBe(1);
      expect((await store().getMember(other.id, user.id))?.projectIds).toEqual([otherProject.id]);

      // Joining again starts from no assignments: none were left behind.
      await store().insertMembership(aMembership({ organizationId: organization.id, userId: user.id }));
      expect((await store().getMember(organization.id, user.id))?.projectIds).toEqual([]);
      expect((await store().getAccess(organization.id, user.id, project.id))?.assigned).toBe(false);
    });

    it('deleteMembership answers false when there is no such membership', async () => {
      const organization = await seedOrganization(store());
      const { user } = await seedMember(store(), organization.id);

      expect(await store().deleteMembership(organization.id, missingId())).toBe(false);
      expect(await store().deleteMembership(missingId(), user.id)).toBe(false);
      expect(await store().deleteMembership(organization.id, user.id)).toBe(true);
      expect(await store().deleteMembership(organization.id, user.id)).toBe(false);
    });

    it('countActiveOwners counts only active owners of that organization', async () => {
      const organization = await seedOrganization(store());
      const other = await seedOrganization(store());
      await seedMember(store(), organization.id, { role: 'owner', status: 'active' });
      await seedMember(store(), organization.id, { role: 'owner', status: 'active' });
      await seedMember(store(), organization.id, { role: 'owner', status: 'disabled' });
      await seedMember(store(), organization.id, { role: 'admin', status: 'active' });
      await seedMember(store(), other.id, { role: 'owner', status: 'active' });

      expect(await store().countActiveOwners(organization.id)).toBe(2);
      expect(await store().countActiveOwners(other.id)).toBe(1);
      expect(await store().countActiveOwners(missingId())).toBe(0);
    });

    it('copies members out', async () => {
      const organization = await seedOrganization(store());
      const { user } = await seedMember(store(), organization.id);
      const project = await seedProject(store(), organization.id);
      await store().assignProject({
        organizationId: organization.id,
        projectId: project.id,
        userId: user.id,
        createdAt: aTime(),
      });

      const member = await store().getMember(organization.id, user.id);
      member!.projectIds.push('mutated');
      member!.createdAt.setTime(0);

      const again = await store().getMember(organization.id, user.id);
      expect(again?.projectIds).toEqual([project.id]);
      expect(again?.createdAt.getTime()).toBe(aTime().getTime());
    });
  });
}
