/**
 * orgkit's tables, written once for both dialects. The few differences are
 * the column types below and the role check; everything else (keys, foreign
 * keys, partial unique index) is the same DDL.
 */
import { type Compilable, type Expression, type Kysely, type RawBuilder, sql } from 'kysely';
import { INVITATION_STATUSES, MAIL_KINDS, MAIL_STATUSES, MEMBER_STATUSES } from '../records.js';
import type { SqlDialect } from './sql-dialect.js';

/** A DDL statement: run by the migration, printed by `orgkit schema`. */
export interface SchemaStatement extends Compilable {
  execute(): Promise<unknown>;
}

const TARGET_TYPES = ['organization', 'member', 'invitation', 'project'] as const;

interface ColumnTypes {
  /** Ids compare byte-wise on Postgres whatever the database collation, as keyset order needs. */
  id: Expression<unknown>;
  timestamp: Expression<unknown>;
  json: Expression<unknown>;
  /** Roles come from the host's matrix, so the check is on their shape, not a list. */
  roleCheck: (column: string) => RawBuilder<unknown>;
}

function columnTypes(dialect: SqlDialect): ColumnTypes {
  if (dialect === 'postgres') {
    return {
      id: sql`text collate "C"`,
      timestamp: sql`timestamptz`,
      json: sql`jsonb`,
      roleCheck: (column) => sql`${sql.ref(column)} ~ '^[a-z][a-z0-9_-]{0,31}$'`,
    };
  }
  return {
    id: sql`text`,
    timestamp: sql`integer`,
    json: sql`text`,
    roleCheck: (column) =>
      sql`length(${sql.ref(column)}) between 1 and 32 and ${sql.ref(column)} glob '[a-z]*' and ${sql.ref(column)} not glob '*[^a-z0-9_-]*'`,
  };
}

function oneOf(column: string, values: readonly string[]): RawBuilder<unknown> {
  return sql`${sql.ref(column)} in (${sql.join(values.map((value) => sql.lit(value)))})`;
}

/** Emails are stored trimmed and lower-cased; the database refuses anything else. */
function normalizedEmail(column: string): RawBuilder<unknown> {
  return sql`${sql.ref(column)} = lower(trim(${sql.ref(column)}))`;
}

/** Version 1 of the schema. `schema` qualifies every table (Postgres only). */
export function initialSchema(db: Kysely<unknown>, dialect: SqlDialect, schema?: string): SchemaStatement[] {
  const builder = schema === undefined ? db.schema : db.schema.withSchema(schema);
  const t = columnTypes(dialect);
  return [
    builder
      .createTable('users')
      .addColumn('id', t.id, (c) => c.notNull())
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('full_name', 'text', (c) => c.notNull())
      .addColumn('search_name', 'text', (c) => c.notNull())
      .addColumn('timezone', 'text', (c) => c.notNull())
      // A pending email change: not unique (the address is not the user's until confirmed).
      .addColumn('pending_email', 'text')
      .addColumn('pending_email_token_hash', 'text')
      .addColumn('pending_email_expires_at', t.timestamp)
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('users_pkey', ['id'])
      .addUniqueConstraint('users_email_key', ['email'])
      .addUniqueConstraint('users_pending_email_token_hash_key', ['pending_email_token_hash'])
      .addCheckConstraint('users_email_check', normalizedEmail('email'))
      .addCheckConstraint('users_pending_email_check', normalizedEmail('pending_email'))
      .addCheckConstraint(
        'users_pending_email_all_or_none_check',
        sql`(pending_email is null) = (pending_email_token_hash is null) and (pending_email is null) = (pending_email_expires_at is null)`,
      ),

    builder
      .createTable('organizations')
      .addColumn('id', t.id, (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('settings', t.json, (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('organizations_pkey', ['id']),

    builder
      .createTable('memberships')
      .addColumn('organization_id', t.id, (c) => c.notNull())
      .addColumn('user_id', t.id, (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('memberships_pkey', ['organization_id', 'user_id'])
      .addForeignKeyConstraint('memberships_organization_fkey', ['organization_id'], 'organizations', ['id'], (c) =>
        c.onDelete('cascade'),
      )
      .addForeignKeyConstraint('memberships_user_fkey', ['user_id'], 'users', ['id'], (c) => c.onDelete('cascade'))
      .addCheckConstraint('memberships_role_check', t.roleCheck('role'))
      .addCheckConstraint('memberships_status_check', oneOf('status', MEMBER_STATUSES)),
    // Member listing in keyset order, unfiltered and filtered by role (and status);
    // the second also answers the active-owner count.
    builder
      .createIndex('memberships_listing_idx')
      .on('memberships')
      .columns(['organization_id', 'created_at', 'user_id']),
    builder
      .createIndex('memberships_role_status_idx')
      .on('memberships')
      .columns(['organization_id', 'role', 'status', 'created_at', 'user_id']),
    builder.createIndex('memberships_user_idx').on('memberships').columns(['user_id', 'created_at']),

    builder
      .createTable('projects')
      .addColumn('id', t.id, (c) => c.notNull())
      .addColumn('organization_id', t.id, (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('projects_pkey', ['id'])
      // The target of the composite foreign keys that keep assignments and
      // invitation projects inside their own organization.
      .addUniqueConstraint('projects_organization_id_key', ['organization_id', 'id'])
      .addForeignKeyConstraint('projects_organization_fkey', ['organization_id'], 'organizations', ['id'], (c) =>
        c.onDelete('cascade'),
      ),
    builder.createIndex('projects_listing_idx').on('projects').columns(['organization_id', 'created_at', 'id']),

    builder
      .createTable('project_assignments')
      .addColumn('organization_id', t.id, (c) => c.notNull())
      .addColumn('project_id', t.id, (c) => c.notNull())
      .addColumn('user_id', t.id, (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('project_assignments_pkey', ['organization_id', 'project_id', 'user_id'])
      .addForeignKeyConstraint(
        'project_assignments_project_fkey',
        ['organization_id', 'project_id'],
        'projects',
        ['organization_id', 'id'],
        (c) => c.onDelete('cascade'),
      )
      // Removing a membership removes that member's assignments in the organization.
      .addForeignKeyConstraint(
        'project_assignments_membership_fkey',
        ['organization_id', 'user_id'],
        'memberships',
        ['organization_id', 'user_id'],
        (c) => c.onDelete('cascade'),
      ),
    builder
      .createIndex('project_assignments_member_idx')
      .on('project_assignments')
      .columns(['organization_id', 'user_id', 'project_id']),

    builder
      .createTable('invitations')
      .addColumn('id', t.id, (c) => c.notNull())
      .addColumn('organization_id', t.id, (c) => c.notNull())
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('token_hash', 'text', (c) => c.notNull())
      // No foreign key: like an audit actor, it records who acted, whatever became of them.
      .addColumn('invited_by', t.id)
      .addColumn('expires_at', t.timestamp, (c) => c.notNull())
      .addColumn('accepted_at', t.timestamp)
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('invitations_pkey', ['id'])
      .addUniqueConstraint('invitations_organization_id_key', ['organization_id', 'id'])
      .addUniqueConstraint('invitations_token_hash_key', ['token_hash'])
      .addForeignKeyConstraint('invitations_organization_fkey', ['organization_id'], 'organizations', ['id'], (c) =>
        c.onDelete('cascade'),
      )
      .addCheckConstraint('invitations_email_check', normalizedEmail('email'))
      .addCheckConstraint('invitations_role_check', t.roleCheck('role'))
      .addCheckConstraint('invitations_status_check', oneOf('status', INVITATION_STATUSES)),
    // At most one pending invitation per (organization, email), decided by the database under any race.
    builder
      .createIndex('invitations_pending_email_key')
      .unique()
      .on('invitations')
      .columns(['organization_id', 'email'])
      .where(sql.ref('status'), '=', sql.lit('pending')),
    builder.createIndex('invitations_listing_idx').on('invitations').columns(['organization_id', 'created_at', 'id']),

    builder
      .createTable('invitation_projects')
      .addColumn('organization_id', t.id, (c) => c.notNull())
      .addColumn('invitation_id', t.id, (c) => c.notNull())
      .addColumn('project_id', t.id, (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('invitation_projects_pkey', ['invitation_id', 'project_id'])
      .addForeignKeyConstraint(
        'invitation_projects_invitation_fkey',
        ['organization_id', 'invitation_id'],
        'invitations',
        ['organization_id', 'id'],
        (c) => c.onDelete('cascade'),
      )
      .addForeignKeyConstraint(
        'invitation_projects_project_fkey',
        ['organization_id', 'project_id'],
        'projects',
        ['organization_id', 'id'],
        (c) => c.onDelete('cascade'),
      ),
    builder
      .createIndex('invitation_projects_project_idx')
      .on('invitation_projects')
      .columns(['organization_id', 'project_id']),

    builder
      .createTable('audit_events')
      .addColumn('id', t.id, (c) => c.notNull())
      .addColumn('organization_id', t.id, (c) => c.notNull())
      // No foreign key: the trail outlives the actors it names.
      .addColumn('actor_id', t.id)
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('target_type', 'text', (c) => c.notNull())
      .addColumn('target_id', t.id, (c) => c.notNull())
      .addColumn('changes', t.json, (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('audit_events_pkey', ['id'])
      .addForeignKeyConstraint('audit_events_organization_fkey', ['organization_id'], 'organizations', ['id'], (c) =>
        c.onDelete('cascade'),
      )
      .addCheckConstraint('audit_events_target_type_check', oneOf('target_type', TARGET_TYPES)),
    builder.createIndex('audit_events_listing_idx').on('audit_events').columns(['organization_id', 'created_at', 'id']),

    builder
      .createTable('outbox_mail')
      .addColumn('id', t.id, (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('organization_id', t.id)
      .addColumn('invitation_id', t.id)
      .addColumn('user_id', t.id)
      .addColumn('recipient', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('last_error', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('sent_at', t.timestamp)
      .addPrimaryKeyConstraint('outbox_mail_pkey', ['id'])
      // Through its invitation, which also ties the mail to the same organization.
      .addForeignKeyConstraint(
        'outbox_mail_invitation_fkey',
        ['organization_id', 'invitation_id'],
        'invitations',
        ['organization_id', 'id'],
        (c) => c.onDelete('cascade'),
      )
      .addForeignKeyConstraint('outbox_mail_user_fkey', ['user_id'], 'users', ['id'], (c) => c.onDelete('cascade'))
      // An invitation's mail belongs to its invitation; a user's own mail to the user alone.
      .addCheckConstraint(
        'outbox_mail_owner_check',
        sql`case when kind = 'invitation' then organization_id is not null and invitation_id is not null and user_id is null else organization_id is null and invitation_id is null and user_id is not null end`,
      )
      .addCheckConstraint('outbox_mail_kind_check', oneOf('kind', MAIL_KINDS))
      .addCheckConstraint('outbox_mail_status_check', oneOf('status', MAIL_STATUSES))
      .addCheckConstraint('outbox_mail_attempts_check', sql`attempts >= 0`),
    builder
      .createIndex('outbox_mail_pending_idx')
      .on('outbox_mail')
      .columns(['created_at', 'id'])
      .where(sql.ref('status'), '=', sql.lit('pending')),
    builder.createIndex('outbox_mail_invitation_idx').on('outbox_mail').columns(['invitation_id']),
    builder.createIndex('outbox_mail_user_idx').on('outbox_mail').columns(['user_id']),
  ];
}

/** Version 3: how long a deliverer's claim on a mail holds (see `MailRecord.claimedUntil`). */
export function outboxClaimSchema(db: Kysely<unknown>, dialect: SqlDialect, schema?: string): SchemaStatement[] {
  const builder = schema === undefined ? db.schema : db.schema.withSchema(schema);
  return [builder.alterTable('outbox_mail').addColumn('claimed_until', columnTypes(dialect).timestamp)];
}
