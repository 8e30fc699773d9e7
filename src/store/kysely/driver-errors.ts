/**
 * Driver errors → `OrgkitError`. The driver's message can carry SQL, values
 * and table names, so it never reaches the `OrgkitError` message; the
 * original stays available as `cause` for the host's logs.
 */
import { isOrgkitError, OrgkitError } from '../../errors.js';
import type { StoreConstraint } from '../store.js';
import { storeConflict } from '../store-errors.js';

/** Postgres names unique violations by constraint. */
const POSTGRES_CONSTRAINTS: Readonly<Record<string, StoreConstraint>> = {
  users_pkey: 'user_id',
  users_email_key: 'user_email',
  memberships_pkey: 'membership',
  invitations_pending_email_key: 'pending_invitation',
  invitations_token_hash_key: 'token_hash',
  users_pending_email_token_hash_key: 'email_token_hash',
};

/** SQLite names them by `table.column, …` (the index name only for expression indexes). */
const SQLITE_CONSTRAINTS: Readonly<Record<string, StoreConstraint>> = {
  'users.id': 'user_id',
  'users.email': 'user_email',
  'memberships.organization_id, memberships.user_id': 'membership',
  'invitations.organization_id, invitations.email': 'pending_invitation',
  'invitations.token_hash': 'token_hash',
  'users.pending_email_token_hash': 'email_token_hash',
};

interface DriverError {
  code?: unknown;
  constraint?: unknown;
  message?: unknown;
}

function driverCode(error: unknown): string | undefined {
  const code = (error as DriverError | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The Store contract's name for the unique rule `error` broke, if it broke one of them. */
export function violatedConstraint(error: unknown): StoreConstraint | undefined {
  const code = driverCode(error);
  const { constraint, message } = error as DriverError;
  if (code === '23505' && typeof constraint === 'string') return POSTGRES_CONSTRAINTS[constraint];
  if ((code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') && typeof message === 'string') {
    return SQLITE_CONSTRAINTS[message.slice(message.indexOf(':') + 1).trim()];
  }
  return undefined;
}

/** Busy errors a statement already waited out its store's whole busy budget on. */
const waitedOutErrors = new WeakSet<object>();

/** Marks `error` as waited out: retrying the transaction would only wait all over again. */
export function waitedOut(error: unknown): unknown {
  if (typeof error === 'object' && error !== null) waitedOutErrors.add(error);
  return error;
}

/**
 * Serialization failures and deadlocks (Postgres), and a busy database file
 * (SQLite) not yet waited out: nothing was wrong with the work, so the whole
 * transaction may run again.
 */
export function isTransient(error: unknown): boolean {
  const cause = isOrgkitError(error, 'STORE_FAILURE') ? error.cause : error;
  const code = driverCode(cause);
  if (code?.startsWith('SQLITE_BUSY')) return !waitedOutErrors.has(cause as object);
  return code === '40001' || code === '40P01';
}

function isIntegrityViolation(code: string | undefined): boolean {
  return code !== undefined && (code.startsWith('23') || code.startsWith('SQLITE_CONSTRAINT'));
}

/** Passes an `OrgkitError` through; wraps anything else. */
export function toOrgkitError(error: unknown): OrgkitError {
  if (error instanceof OrgkitError) return error;
  const constraint = violatedConstraint(error);
  if (constraint !== undefined) {
    return storeConflict(constraint, error);
  }
  if (isIntegrityViolation(driverCode(error))) {
    // A missing reference, a taken id or a refused value: orgkit's services
    // never ask for these, so it is a caller bug, not a conflict a user can fix.
    return new OrgkitError({
      code: 'STORE_FAILURE',
      message: 'The store refused a row that breaks its integrity rules.',
      cause: error,
    });
  }
  return new OrgkitError({ code: 'STORE_FAILURE', cause: error });
}

/** Wraps every method of `methods` so that what it throws is an `OrgkitError`. */
export function mappingErrors<T extends object>(methods: T): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(methods)) {
    wrapped[name] = async (...args: unknown[]) => {
      try {
        return await (method as (...args: unknown[]) => Promise<unknown>)(...args);
      } catch (error) {
        throw toOrgkitError(error);
      }
    };
  }
  return wrapped as T;
}
