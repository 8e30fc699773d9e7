/** The errors the Store contract prescribes, shared by every bundled store. */
import { OrgkitError } from '../errors.js';
import { STORE_CONSTRAINTS, type StoreConstraint } from './store.js';

/** A unique violation: `CONFLICT` naming the rule and what it means to a host. */
export function storeConflict(constraint: StoreConstraint, cause?: unknown): OrgkitError<'CONFLICT'> {
  return new OrgkitError({
    code: 'CONFLICT',
    details: { reason: STORE_CONSTRAINTS[constraint], constraint },
    ...(cause === undefined ? {} : { cause }),
  });
}

/**
 * What a database would answer to a foreign-key violation. Not a `CONFLICT`:
 * the contract reserves that for unique constraints, and a dangling reference
 * is a bug in the caller, not a state a user can fix.
 */
export function missingReference(reference: string): OrgkitError<'STORE_FAILURE'> {
  return new OrgkitError({
    code: 'STORE_FAILURE',
    message: `The store refused a row that references a missing ${reference}.`,
    details: { reference },
  });
}

/** A primary-key violation: ids are minted by orgkit, so this too is a caller bug. */
export function duplicateId(table: string): OrgkitError<'STORE_FAILURE'> {
  return new OrgkitError({
    code: 'STORE_FAILURE',
    message: `The store refused a ${table} whose id is already taken.`,
    details: { table },
  });
}
