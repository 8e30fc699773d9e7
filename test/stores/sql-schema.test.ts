/**
 * The SQL schema enforces what must never break even when TypeScript is
 * bypassed: raw inserts that break a rule fail in the database itself.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../src/services/ids.js';
import { MIGRATION_TABLE } from '../../src/store/kysely/migrations.js';
import { encodeDate } from '../../src/store/kysely/sql-dialect.js';
import {
  aMembership,
  anAssignment,
  anInvitation,
  anOrganization,
  aProject,
  aUser,
} from '../../src/testing/fixtures.js';
import { rejectionOf, SQL_TARGETS, type SqlFixture } from '../support/sql-targets.js';

const EXPECTED_INDEXES = [
  'memberships_listing_idx',
  'memberships_role_status_idx',
  'memberships_user_idx',
  'projects_listing_idx',
  'project_assignments_member_idx',
  'invitations_pending_email_key',
  'invitations_listing_idx',
  'invitation_projects_project_idx',
  'audit_events_listing_idx',
  'outbox_mail_pending_idx',
  'outbox_mail_invitation_idx',
];

for (const target of SQL_TARGETS) {
  describe(`SQL schema: ${target.name}`, () => {
    let f: SqlFixture;
    beforeEach(async () => {
      f = await target.open();
    });
    afterEach(() => f.close());

    const now = () => encodeDate(target.dialect, new Date());
    const userRow = (email: string) => ({
      id: newId(),
      email,
      full_name: 'Raw',
      search_name: 'raw',
      timezone: 'UTC',
      created_at: now(),
      updated_at: now(),
    });

    /** An organization with one member, through the store. */
    async function seed() {
      const organization = anOrganization();
      const user = aUser();
      await f.store.insertOrganization(organization);
      await f.store.ensureUser(user);
      await f.store.insertMembership(aMembership({ organizationId: organization.id, userId: user.id }));
      return { organization, user };
    }

    function invitationRow(organizationId: string, email: string, status: string) {
      return {
        id: newId(),
        organization_id: organizationId,
        email,
        role: 'user',
        status,
        token_hash: newId(),
        invited_by: null,
        expires_at: now(),
        accepted_at: null,
        created_at: now(),
        updated_at: now(),
      };
    }

    it('migrate() again changes nothing and records the migration once', async () => {
      await f.store.migrate();
      await f.store.migrate();
      const rows = await f.raw.selectFrom(MIGRATION_TABLE).select('name').execute();
      expect(rows.map((row) => row.name)).toEqual(['0001_initial', '0002_member_search_index', '0003_outbox_claim']);
    });

    it('creates an index for every query the services run', async () => {
      const names =
        target.dialect === 'sqlite'
          ? (await f.raw.selectFrom('sqlite_master').select('name').where('type', '=', 'index').execute()).map(
              (row) => row.name as string,
            )
          : (
              await f.raw
                .withoutPlugins()
                .selectFrom('pg_indexes')
                .select('indexname')
                .where('schemaname', '=', f.schema as string)
                .execute()
            ).map((row) => row.indexname as string);
      expect(names).toEqual(expect.arrayContaining(EXPECTED_INDEXES));
    });

    it('refuses a second user with the same email', async () => {
      await f.raw.insertInto('users').values(userRow('twin@example.test')).execute();
      await expect(f.raw.insertInto('users').values(userRow('twin@example.test')).execute()).rejects.toThrow();
    });

    it('refuses an email that is not normalized', async () => {
      await expect(f.raw.insertInto('users').values(userRow('Upper@Example.test')).execute()).rejects.toThrow();
      await expect(f.raw.insertInto('users').values(userRow(' padded@example.test')).execute()).rejects.toThrow();
    });

    it('refuses a second pending invitation per (organization, email), but not a settled one', async () => {
      const { organization } = await seed();
      await f.raw
        .insertInto('invitations')
        .values(invitationRow(organization.id, 'x@example.test', 'pending'))
        .execute();
      await f.raw
        .insertInto('invitations')
        .values(invitationRow(organization.id, 'x@example.test', 'revoked'))
        .execute();
      await expect(
        f.raw
          .insertInto('invitations')
          .values(invitationRow(organization.id, 'x@example.test', 'pending'))
          .execute(),
      ).rejects.toThrow();
    });

    it('refuses unknown statuses and malformed roles, and takes a host-defined role', async () => {
      const { organization } = await seed();
      const membership = async (role: string, status: string) => {
        const user = aUser();
        await f.store.ensureUser(user);
        const row = {
          organization_id: organization.id,
          user_id: user.id,
          role,
          status,
          created_at: now(),
          updated_at: now(),
        };
        return f.raw.insertInto('memberships').values(row).execute();
      };
      await expect(membership('user', 'banned')).rejects.toThrow();
      await expect(membership('Owner', 'active')).rejects.toThrow();
      await expect(membership('bad role', 'active')).rejects.toThrow();
      await expect(membership('', 'active')).rejects.toThrow();
      await expect(membership(`r${'x'.repeat(32)}`, 'active')).rejects.toThrow();
      await membership('billing_viewer-2', 'active');
      await expect(
        f.raw
          .insertInto('invitations')
          .values(invitationRow(organization.id, 'y@example.test', 'lost'))
          .execute(),
      ).rejects.toThrow();
      const invitation = anInvitation({ organizationId: organization.id });
      await f.store.insertInvitation(invitation);
      const mail = {
        id: newId(),
        organization_id: organization.id,
        invitation_id: invitation.id,
        recipient: invitation.email,
        attempts: 0,
        last_error: null,
        created_at: now(),
        updated_at: now(),
        sent_at: null,
      };
      await expect(
        f.raw
          .insertInto('outbox_mail')
          .values({ ...mail, status: 'bounced' })
          .execute(),
      ).rejects.toThrow();
      await expect(
        f.raw
          .insertInto('outbox_mail')
          .values({ ...mail, status: 'pending', attempts: -1 })
          .execute(),
      ).rejects.toThrow();
    });

    it("refuses an assignment to another organization's project or of a non-member", async () => {
      const { organization, user } = await seed();
      const other = await seed();
      const foreign = aProject({ organizationId: other.organization.id });
      await f.store.insertProject(foreign);
      const row = { organization_id: organization.id, project_id: foreign.id, user_id: user.id, created_at: now() };
      await expect(f.raw.insertInto('project_assignments').values(row).execute()).rejects.toThrow();
      const own = aProject({ organizationId: organization.id });
      await f.store.insertProject(own);
      const stranger = aUser();
      await f.store.ensureUser(stranger);
      await expect(
        f.raw
          .insertInto('project_assignments')
          .values({ ...row, project_id: own.id, user_id: stranger.id })
          .execute(),
      ).rejects.toThrow();
    });

    it('cascades: deleting a membership row removes its assignments; a project row, its invitation rows', async () => {
      const { organization, user } = await seed();
      const project = aProject({ organizationId: organization.id });
      await f.store.insertProject(project);
      await f.store.assignProject(
        anAssignment({ organizationId: organization.id, projectId: project.id, userId: user.id }),
      );
      const invitation = anInvitation({ organizationId: organization.id, projectIds: [project.id] });
      await f.store.insertInvitation(invitation);

      await f.raw.deleteFrom('memberships').where('user_id', '=', user.id).execute();
      expect(await f.raw.selectFrom('project_assignments').selectAll().execute()).toEqual([]);
      await f.raw.deleteFrom('projects').where('id', '=', project.id).execute();
      expect(await f.raw.selectFrom('invitation_projects').selectAll().execute()).toEqual([]);
      expect((await f.store.getInvitation(organization.id, invitation.id))?.projectIds).toEqual([]);
    });

    it('deleting an organization row leaves no row of it in any table', async () => {
      const { organization, user } = await seed();
      const project = aProject({ organizationId: organization.id });
      await f.store.insertProject(project);
      await f.store.assignProject(
        anAssignment({ organizationId: organization.id, projectId: project.id, userId: user.id }),
      );
      const invitation = anInvitation({ organizationId: organization.id, projectIds: [project.id] });
      await f.store.insertInvitation(invitation);

      await f.raw.deleteFrom('organizations').where('id', '=', organization.id).execute();
      for (const table of ['memberships', 'projects', 'project_assignments', 'invitations', 'invitation_projects']) {
        expect(await f.raw.selectFrom(table).selectAll().execute(), table).toEqual([]);
      }
      expect(await f.store.getUser(user.id)).not.toBeNull();
    });

    it('a unique violation through the store is a CONFLICT naming the rule, never the driver text', async () => {
      await seed();
      const taken = aUser();
      await f.store.ensureUser(taken);
      const mover = aUser();
      await f.store.ensureUser(mover);
      const error = (await rejectionOf(
        f.store.updateUser(mover.id, { email: taken.email, updatedAt: new Date() }),
      )) as Error & { code: string; details: unknown; cause: unknown };
      expect(error.code).toBe('CONFLICT');
      expect(error.details).toEqual({ reason: 'EMAIL_TAKEN', constraint: 'user_email' });
      expect(error.message).not.toMatch(/users|email|unique|constraint|duplicate/i);
      expect(error.cause).toBeInstanceOf(Error);
    });
  });
}
