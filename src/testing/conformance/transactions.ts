import { describe, expect, it } from 'vitest';
import { OrgkitError } from '../../errors.js';
import { newId } from '../../services/ids.js';
import type { OrganizationRecord } from '../../store/records.js';
import type { Store } from '../../store/store.js';
import {
  aMail,
  aMembership,
  anAssignment,
  anAuditEvent,
  anInvitation,
  anOrganization,
  aProject,
  aTime,
  aUser,
} from '../fixtures.js';
import {
  deferred,
  expectConflictError,
  type StoreSource,
  seedInvitation,
  seedMember,
  seedOrganization,
  seedProject,
  seedUser,
  sleep,
} from './support.js';

/** Everything one organization can hold, read back through the public methods. */
async function snapshot(store: Store, organizationId: string, userId: string, invitationId: string) {
  return {
    organization: await store.getOrganization(organizationId),
    user: await store.getUser(userId),
    member: await store.getMember(organizationId, userId),
    memberships: await store.countMembershipsOfUser(userId),
    projects: await store.listProjects(organizationId),
    invitation: await store.getInvitation(organizationId, invitationId),
    invitations: await store.listInvitations({ organizationId, now: aTime(), limit: 50 }),
    audit: await store.listAuditEvents({ organizationId, limit: 50 }),
    mail: await store.listPendingMail(50),
  };
}

export function describeTransactions(store: StoreSource): void {
  describe('transactions', () => {
    it('commits every write of fn and answers what fn answers', async () => {
      const organization = anOrganization();
      const user = aUser();

      const answer = await store().transaction(async (tx) => {
        await tx.insertOrganization(organization);
        await tx.ensureUser(user);
        await tx.insertMembership(aMembership({ organizationId: organization.id, userId: user.id, role: 'owner' }));
        return { answer: 42 };
      });

      expect(answer).toEqual({ answer: 42 });
      expect(await store().getOrganization(organization.id)).toEqual(organization);
      expect(await store().countActiveOwners(organization.id)).toBe(1);
    });

    it('reads inside a transaction see its own writes', async () => {
      const organization = anOrganization();

      const seen = await store().transaction(async (tx) => {
        await tx.insertOrganization(organization);
        await tx.updateOrganization(organization.id, { name: 'Renamed', updatedAt: aTime(1) });
        return tx.getOrganization(organization.id);
      });

      expect(seen?.name).toBe('Renamed');
    });

    it('a transaction that throws leaves no trace of any kind of record, and rethrows the error', async () => {
      const organization = anOrganization();
      const user = aUser();
      const project = aProject({ organizationId: organization.id });
      const invitation = anInvitation({ organizationId: organization.id, projectIds: [project.id] });
      const failure = new Error('fn failed after writing');

      const outcome = store().transaction(async (tx) => {
        await tx.insertOrganization(organization);
        await tx.ensureUser(user);
        await tx.insertMembership(aMembership({ organizationId: organization.id, userId: user.id, role: 'owner' }));
        await tx.insertProject(project);
        await tx.assignProject(
          anAssignment({ organizationId: organization.id, projectId: project.id, userId: user.id }),
        );
        await tx.insertInvitation(invitation);
        await tx.insertMail(aMail({ organizationId: organization.id, invitationId: invitation.id }));
        await tx.insertAuditEvents([anAuditEvent({ organizationId: organization.id })]);
        throw failure;
      });

      await expect(outcome).rejects.toBe(failure);
      expect(await snapshot(store(), organization.id, user.id, invitation.id)).toEqual({
        organization: null,
        user: null,
        member: null,
        memberships: 0,
        projects: [],
        invitation: null,
        invitations: [],
        audit: [],
        mail: [],
      });
      expect(await store().findUserByEmail(user.email)).toBeNull();
      expect(await store().findInvitationByTokenHash(invitation.tokenHash)).toBeNull();
      expect(await store().findPendingInvitation(organization.id, invitation.email)).toBeNull();
    });

    it('a transaction that throws undoes its updates and deletes, cascades included', async () => {
      const organization = await seedOrganization(store(), { settings: { plan: 'team' } });
      const { user } = await seedMember(store(), organization.id, { role: 'owner' });
      const project = await seedProject(store(), organization.id);
      await store().assignProject(
        anAssignment({ organizationId: organization.id, projectId: project.id, userId: user.id }),
      );
      const invitation = await seedInvitation(store(), organization.id, { projectIds: [project.id] });
      const mail = aMail({ organizationId: organization.id, invitationId: invitation.id });
      await store().insertMail(mail);
      await store().insertAuditEvents([anAuditEvent({ organizationId: organization.id })]);
      const before = await snapshot(store(), organization.id, user.id, invitation.id);

      const outcome = store().transaction(async (tx) => {
        await tx.updateUser(user.id, {
          fullName: 'Changed',
          email: `changed-${newId()}@example.test`,
          updatedAt: aTime(9),
        });
        await tx.updateOrganization(organization.id, { settings: {}, updatedAt: aTime(9) });
        await tx.updateMembership(organization.id, user.id, { role: 'admin', updatedAt: aTime(9) });
        await tx.claimInvitation(invitation.tokenHash, aTime(9));
        await tx.claimMail(mail.id, 0, aTime(9));
        await tx.deleteProject(organization.id, project.id);
        await tx.deleteMembership(organization.id, user.id);
        await tx.deleteOrganization(organization.id);
        throw new Error('changed my mind');
      });

      await expect(outcome).rejects.toThrow('changed my mind');
      expect(await snapshot(store(), organization.id, user.id, invitation.id)).toEqual(before);
      expect(await store().findUserByEmail(user.email)).toEqual(user);
      expect(await store().getMail(mail.id)).toEqual(mail);
      expect(await store().findInvitationByTokenHash(invitation.tokenHash)).toEqual(invitation);
    });

    it('a CONFLICT thrown mid-transaction rolls back the writes before it', async () => {
      const existing = await seedOrganization(store());
      const { user } = await seedMember(store(), existing.id);
      const organization = anOrganization();

      const outcome = store().transaction(async (tx) => {
        await tx.insertOrganization(organization);
        await tx.updateUser(user.id, { fullName: 'Half done', updatedAt: aTime(9) });
        await tx.insertMembership(aMembership({ organizationId: existing.id, userId: user.id }));
      });

      const error = await outcome.then(
        () => undefined,
        (reason: unknown) => reason,
      );
      expect(error).toBeInstanceOf(OrgkitError);
      expectConflictError(error, 'membership');
      expect(await store().getOrganization(organization.id)).toBeNull();
      expect(await store().getUser(user.id)).toEqual(user);
    });

    it('the store works normally after a rolled-back transaction', async () => {
      const organization = anOrganization();
      await store()
        .transaction(async (tx) => {
          await tx.insertOrganization(organization);
          throw new Error('roll back');
        })
        .catch(() => undefined);

      await store().transaction(async (tx) => tx.insertOrganization(organization));

      expect(await store().getOrganization(organization.id)).toEqual(organization);
    });

    it('a read outside a transaction never sees its uncommitted writes', async () => {
      const organization = anOrganization();
      const inserted = deferred<void>();
      const outsideRead = deferred<OrganizationRecord | null>();

      const outcome = store().transaction(async (tx) => {
        await tx.insertOrganization(organization);
        inserted.resolve();
        // Stay open until the outside read is answered; a store that serializes answers
        // it only after this transaction, so give up waiting after a while.
        await Promise.race([outsideRead.promise, sleep(200)]);
        throw new Error('never committed');
      });
      await inserted.promise;
      outsideRead.resolve(store().getOrganization(organization.id));

      await expect(outcome).rejects.toThrow('never committed');
      expect(await outsideRead.promise).toBeNull();
    });

    it('getAccess outside a transaction never sees its uncommitted writes', async () => {
      const organization = await seedOrganization(store());
      const { user } = await seedMember(store(), organization.id, { role: 'admin' });
      const project = await seedProject(store(), organization.id);
      const newcomer = await seedUser(store());
      const written = deferred<void>();
      const outsideReads = deferred<unknown[]>();

      const outcome = store().transaction(async (tx) => {
        await tx.updateMembership(organization.id, user.id, { role: 'owner', status: 'disabled', updatedAt: aTime() });
        await tx.assignProject(
          anAssignment({ organizationId: organization.id, projectId: project.id, userId: user.id }),
        );
        await tx.insertMembership(aMembership({ organizationId: organization.id, userId: newcomer.id }));
        written.resolve();
        await Promise.race([outsideReads.promise, sleep(200)]);
        throw new Error('never committed');
      });
      await written.promise;
      outsideReads.resolve(
        Promise.all([
          store().getAccess(organization.id, user.id),
          store().getAccess(organization.id, user.id, project.id),
          store().getAccess(organization.id, newcomer.id),
        ]),
      );

      await expect(outcome).rejects.toThrow('never committed');
      expect(await outsideReads.promise).toEqual([
        { role: 'admin', status: 'active', projectExists: false, assigned: false },
        { role: 'admin', status: 'active', projectExists: true, assigned: false },
        null,
      ]);
    });
  });
}
