/**
 * The query behind every `authorize`: the membership's role and status and,
 * when a project is named, whether it is the organization's and assigned to
 * the member, in one statement. Built and compiled once per store, not per
 * call, so that a driver can also keep it prepared (see {@link AccessReader}).
 */
import type { Kysely } from 'kysely';
import type { AccessRecord, MemberStatus } from '../records.js';
import { decodeBoolean } from './row-mapping.js';
import type { OrgkitDatabase } from './schema-types.js';

/** A compiled access query: its SQL, and its parameters in the order the SQL takes them. */
export interface AccessQuery {
  readonly sql: string;
  parameters(organizationId: string, userId: string, projectId: string | undefined): unknown[];
}

/**
 * A driver's faster way to run an access query outside a transaction: a
 * statement kept prepared. Answers the rows, or `undefined` when it cannot
 * run it right now; the store then runs it through Kysely.
 */
export type AccessReader = (query: AccessQuery, parameters: unknown[]) => Promise<unknown[]> | undefined;

export interface AccessQueries {
  readonly membership: AccessQuery;
  readonly withProject: AccessQuery;
}

interface AccessRow {
  role: string;
  status: string;
  project_exists?: unknown;
  assigned?: unknown;
}

/** Stand-ins compiled in place of the values, to learn where each one goes. */
const ORGANIZATION = '\u0000organization';
const USER = '\u0000user';
const PROJECT = '\u0000project';

export function compileAccessQueries(db: Kysely<OrgkitDatabase>): AccessQueries {
  const membership = db
    .selectFrom('memberships as m')
    .select(['m.role', 'm.status'])
    .where('m.organization_id', '=', ORGANIZATION)
    .where('m.user_id', '=', USER);
  const withProject = membership.select((eb) => [
    eb
      .exists(
        eb
          .selectFrom('projects as p')
          .select('p.id')
          .whereRef('p.organization_id', '=', 'm.organization_id')
          .where('p.id', '=', PROJECT),
      )
      .as('project_exists'),
    eb
      .exists(
        eb
          .selectFrom('project_assignments as pa')
          .select('pa.project_id')
          .whereRef('pa.organization_id', '=', 'm.organization_id')
          .whereRef('pa.user_id', '=', 'm.user_id')
          .where('pa.project_id', '=', PROJECT),
      )
      .as('assigned'),
  ]);
  return { membership: toAccessQuery(membership.compile()), withProject: toAccessQuery(withProject.compile()) };
}

function toAccessQuery(compiled: { sql: string; parameters: readonly unknown[] }): AccessQuery {
  const slots = compiled.parameters.map((value) => [ORGANIZATION, USER, PROJECT].indexOf(value as string));
  if (slots.includes(-1)) throw new Error('orgkit: the access query has a parameter of its own.');
  return {
    sql: compiled.sql,
    parameters: (organizationId, userId, projectId) => {
      const values = [organizationId, userId, projectId];
      return slots.map((slot) => values[slot]);
    },
  };
}

/** The first row of an access query as the record; `null` when the actor is no member. */
export function toAccessRecord(rows: readonly unknown[]): AccessRecord | null {
  const row = rows[0] as AccessRow | undefined;
  if (row === undefined) return null;
  return {
    role: row.role,
    status: row.status as MemberStatus,
    projectExists: decodeBoolean(row.project_exists),
    assigned: decodeBoolean(row.assigned),
  };
}
