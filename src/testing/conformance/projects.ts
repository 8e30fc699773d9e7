import { describe, expect, it } from 'vitest';
import { anAssignment, aProject, aTime } from '../fixtures.js';
import {
  expectStoreFailure,
  ids,
  missingId,
  type StoreSource,
  seedInvitation,
  seedMember,
  seedOrganization,
  seedProject,
  seedUser,
} from './support.js';

export function describeProjects(store: StoreSource): void {
  describe('projects', () => {
    async function seedAssigned() {
      const organization = await seedOrganization(store());
      const { user } = await seedMember(store(), organization.id);
      const project = await seedProject(store(), organization.id);
      await store().assignProject(
        anAssignment({ organizationId: organization.id, projectId: project.id, userId: user.id }),
      );
      return { organization, user, project };
    }

    it('insertProject stores the project; getProject reads it only in its organization', async () => {
      const organization = await seedOrganization(store());
      const other = await seedOrganization(store());
      const project = aProject({
        organizationId: organization.id,
        name: 'Bots',
        createdAt: aTime(5),
        updatedAt: aTime(6),
      });

      await store().insertProject(project);

      expect(await store().getProject(organization.id, project.id)).toEqual(project);
      expect(await store().getProject(other.id, project.id)).toBeNull();
      expect(await store().getProject(organization.id, missingId())).toBeNull();
    });

    it('insertProject refuses a missing organization (STORE_FAILURE)', async () => {
      await expectStoreFailure(store().insertProject(aProject({ organizationId: missingId() })));
    });

    it('listProjects lists the organization’s projects, oldest first', async () => {
      const organization = await seedOrganization(store());
      const other = await seedOrganization(store());
      const newest = await seedProject(store(), organization.id, { createdAt: aTime(300) });
      const oldest = await seedProject(store(), organization.id, { createdAt: aTime(100) });
      const middle = await seedProject(store(), organization.id, { createdAt: aTime(200) });
      await seedProject(store(), other.id, { createdAt: aTime(150) });

      expect(await store().listProjects(organization.id)).toEqual([oldest, middle, newest]);
      expect(await store().listProjects(missingId())).toEqual([]);
    });

    it('listProjects with assignedTo lists only that member’s projects, oldest first', async () => {
      const organization = await seedOrganization(store());
      const { user } = await seedMember(store(), organization.id);
      const { user: colleague } = await seedMember(store(), organization.id);
      const later = await seedProject(store(), organization.id, { createdAt: aTime(20) });
      const earlier = await seedProject(store(), organization.id, { createdAt: aTime(10) });
      const notMine = await seedProject(store(), organization.id, { createdAt: aTime(15) });
      for (const project of [later, earlier]) {
        await store().assignProject(
          anAssignment({ organizationId: organization.id, projectId: project.id, userId: user.id }),
        );
      }
      await store().assignProject(
        anAssignment({ organizationId: organization.id, projectId: notMine.id, userId: colleague.id }),
      );
      const stranger = await seedUser(store());

      expect(await store().listProjects(organization.id, { assignedTo: user.id })).toEqual([earlier, later]);
      expect(await store().listProjects(organization.id, { assignedTo: stranger.id })).toEqual([]);
      expect(await store().listProjects(organization.id, { assignedTo: missingId() })).toEqual([]);
    });

    it('existingProjectIds keeps only the ids of this organization’s projects', async () => {
      const organization = await seedOrganization(store());
      const other = await seedOrganization(store());
      const first = await seedProject(store(), organization.id);
      const second = await seedProject(store(), organization.id);
      const foreign = await seedProject(store(), other.id);

      const existing = await store().existingProjectIds(organization.id, [
        second.id,
        foreign.id,
        missingId(),
        first.id,
      ]);

      expect([...existing].sort()).toEqual([first.id, second.id].sort());
      expect(await store().existingProjectIds(organization.id, [])).toEqual([]);
    });

    it('updateProject renames the project in its organization only', async () => {
      const organization = await seedOrganization(store());
      const other = await seedOrganization(store());
      const project = await seedProject(store(), organization.id, { name: 'Before' });

      expect(await store().updateProject(other.id, project.id, { name: 'Hijacked', updatedAt: aTime(1) })).toBeNull();
      expect(
        await store().updateProject(organization.id, missingId(), { name: 'Nobody', updatedAt: aTime(1) }),
      ).toBeNull();

      const renamed = await store().updateProject(organization.id, project.id, { name: 'After', updatedAt: aTime(2) });
      expect(renamed).toEqual({ ...project, name: 'After', updatedAt: aTime(2) });
      expect(await store().getProject(organization.id, project.id)).toEqual(renamed);
    });

    it('deleteProject answers true once, and false in another organization or for a missing project', async () => {
      const organization = await seedOrganization(store());
      const other = await seedOrganization(store());
      const project = await seedProject(store(), organization.id);

      expect(await store().deleteProject(other.id, project.id)).toBe(false);
      expect(await store().getProject(organization.id, project.id)).toEqual(project);
      expect(await store().deleteProject(organization.id, project.id)).toBe(true);
      expect(await store().deleteProject(organization.id, project.id)).toBe(false);
      expect(await store().deleteProject(organization.id, missingId())).toBe(false);
      expect(await store().getProject(organization.id, project.id)).toBeNull();
    });

    it('deleteProject removes its assignments', async () => {
      const { organization, user, project } = await seedAssigned();
      const kept = await seedProject(store(), organization.id);
      await store().assignProject(
        anAssignment({ organizationId: organization.id, projectId: kept.id, userId: user.id }),
      );

      await store().deleteProject(organization.id, project.id);

      expect((await store().getMember(organization.id, user.id))?.projectIds).toEqual([kept.id]);
      expect(ids(await store().listProjects(organization.id, { assignedTo: user.id }))).toEqual([kept.id]);
      expect(await store().getAccess(organization.id, user.id, project.id)).toMatchObject({
        projectExists: false,
        assigned: false,
      });
    });

    it('deleteProject drops the project from the organization’s invitations', async () => {
      const organization = await seedOrganization(store());
      const doomed = await seedProject(store(), organization.id);
      const kept = await seedProject(store(), organization.id);
      const pending = await seedInvitation(store(), organization.id, { projectIds: [doomed.id, kept.id].sort() });
      const accepted = await seedInvitation(store(), organization.id, {
        projectIds: [doomed.id],
        status: 'accepted',
        acceptedAt: aTime(1),
      });
      const untouched = await seedInvitation(store(), organization.id, { projectIds: [kept.id] });

      await store().deleteProject(organization.id, doomed.id);

      expect((await store().getInvitation(organization.id, pending.id))?.projectIds).toEqual([kept.id]);
      expect((await store().getInvitation(organization.id, accepted.id))?.projectIds).toEqual([]);
      expect(await store().getInvitation(organization.id, untouched.id)).toEqual(untouched);
    });

    it('assignProject answers true, then false for the same assignment', async () => {
      const organization = await seedOrganization(store());
      const { user } = await seedMember(store(), organization.id);
      const project = await seedProject(store(), organization.id);
      const assignment = anAssignment({ organizationId: organization.id, projectId: project.id, userId: user.id });

      expect(await store().assignProject(assignment)).toBe(true);
      expect(await store().assignProject({ ...assignment, createdAt: aTime(1) })).toBe(false);
      expect((await store().getMember(organization.id, user.id))?.projectIds).toEqual([project.id]);
    });

    it('assignProject refuses a missing project, another organization’s project, or a non-member', async () => {
      const organization = await seedOrganization(store());
      const other = await seedOrganization(store());
      const { user } = await seedMember(store(), organization.id);
      const project = await seedProject(store(), organization.id);
      const foreign = await seedProject(store(), other.id);
      const stranger = await seedUser(store());
      const assign = (projectId: string, userId: string) =>
        store().assignProject(anAssignment({ organizationId: organization.id, projectId, userId }));

      await expectStoreFailure(assign(missingId(), user.id));
      await expectStoreFailure(assign(foreign.id, user.id));
      await expectStoreFailure(assign(project.id, stranger.id));
      expect((await store().getMember(organization.id, user.id))?.projectIds).toEqual([]);
      expect(await store().listProjects(organization.id, { assignedTo: stranger.id })).toEqual([]);
    });

    it('unassignProject answers true, then false', async () => {
      const { organization, user, project } = await seedAssigned();

      expect(await store().unassignProject(organization.id, project.id, missingId())).toBe(false);
      expect(await store().unassignProject(organization.id, project.id, user.id)).toBe(true);
      expect(await store().unassignProject(organization.id, project.id, user.id)).toBe(false);
      expect((await store().getMember(organization.id, user.id))?.projectIds).toEqual([]);
      expect((await store().getAccess(organization.id, user.id, project.id))?.assigned).toBe(false);
    });

    it('unassignProject in another organization leaves the assignment', async () => {
      const { organization, user, project } = await seedAssigned();
      const other = await seedOrganization(store());

      expect(await store().unassignProject(other.id, project.id, user.id)).toBe(false);
      expect((await store().getMember(organization.id, user.id))?.projectIds).toEqual([project.id]);
    });

    it('copies projects in and out', async () => {
      const organization = await seedOrganization(store());
      const project = aProject({ organizationId: organization.id, name: 'Original' });
      const snapshot = structuredClone(project);
      await store().insertProject(project);

      project.name = 'Mutated after insert';
      const listed = await store().listProjects(organization.id);
      expect(listed).toEqual([snapshot]);

      listed[0]!.name = 'Mutated after read';
      expect(await store().getProject(organization.id, project.id)).toEqual(snapshot);
    });
  });
}
