import { OrgkitError } from '../../errors.js';
import { STORE_CONSTRAINTS, type StoreConstraint } from '../../store/store.js';

/** A unique violation, named as the Store contract names it. */
export function conflict(constraint: StoreConstraint): OrgkitError {
  return new OrgkitError({ code: 'CONFLICT', details: { constraint: STORE_CONSTRAINTS[constraint] } });
}

/**
 * What a database would answer to a foreign-key violation. Not a `CONFLICT`:
 * the contract reserves that for unique constraints, and a dangling reference
 * is a bug in the caller, not a state a user can fix.
 */
export function missingReference(reference: string): OrgkitError {
  return new OrgkitError({
    code: 'STORE_FAILURE',
    message: `The store refused a row that references a missing ${reference}.`,
    details: { reference },
  });
}

/** A primary-key violation: ids are minted by orgkit, so this too is a caller bug. */
export function duplicateId(table: string): OrgkitError {
  return new OrgkitError({
    code: 'STORE_FAILURE',
    message: `The store refused a ${table} whose id is already taken.`,
    details: { table },
  });
}
