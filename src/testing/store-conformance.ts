import { afterEach, beforeEach, describe } from 'vitest';
import type { Store } from '../store/store.js';
import { describeAuditAndMail } from './conformance/audit-and-mail.js';
import { describeConcurrency } from './conformance/concurrency.js';
import { describeEmailChanges } from './conformance/email-changes.js';
import { describeInvitations } from './conformance/invitations.js';
import { describeMemberListing } from './conformance/member-listing.js';
import { describeMemberSearch } from './conformance/member-search.js';
import { describeMembers } from './conformance/members.js';
import { describeOrganizations } from './conformance/organizations.js';
import { describeProjects } from './conformance/projects.js';
import { describeTransactions } from './conformance/transactions.js';
import { describeUsers } from './conformance/users.js';

export interface StoreConformanceOptions {
  /** Shown in the test names: `store conformance: <name>`. */
  name: string;
  /**
   * A fresh, migrated, empty store. Called before every test, so tests share
   * nothing; a few assertions (pending mail of every organization) rely on
   * the store holding only what the test put in it.
   */
  create(): Promise<Store>;
  /** Closes the store and drops whatever `create` made for it. Called after every test. */
  destroy(store: Store): Promise<void>;
}

/**
 * Registers the Store conformance suite as vitest tests: every method of the
 * Store contract, its edge cases, and its atomicity under concurrent
 * transactions. Call it at the top level of a test file, once per store:
 *
 * ```ts
 * import { testStoreConformance } from 'orgkit/testing';
 * testStoreConformance({ name: 'mine', create: async () => myStore(), destroy: (store) => store.close() });
 * ```
 *
 * The suite uses only the public contract and ids from `newId()`, so it runs
 * unchanged against any store.
 */
export function testStoreConformance(options: StoreConformanceOptions): void {
  describe(`store conformance: ${options.name}`, () => {
    let current: Store | undefined;

    beforeEach(async () => {
      current = await options.create();
    });

    afterEach(async () => {
      const store = current;
      current = undefined;
      if (store !== undefined) await options.destroy(store);
    });

    const store = (): Store => {
      if (current === undefined) throw new Error('The conformance suite has no store: create() did not run or failed.');
      return current;
    };

    describeUsers(store);
    describeEmailChanges(store);
    describeOrganizations(store);
    describeMembers(store);
    describeMemberListing(store);
    describeMemberSearch(store);
    describeProjects(store);
    describeInvitations(store);
    describeAuditAndMail(store);
    describeTransactions(store);
    describeConcurrency(store);
  });
}
