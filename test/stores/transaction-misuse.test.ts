/**
 * Using the store instead of `tx` inside `transaction(fn)` is a host bug that
 * would hang SQLite (one connection) or escape the transaction on Postgres;
 * every bundled store reports it instead.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { anOrganization } from '../../src/testing/fixtures.js';
import { STORES } from '../support/stores.js';

for (const factory of STORES) {
  describe(`transaction misuse: ${factory.name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await factory.create();
    });
    afterEach(() => factory.destroy(store));

    it('rejects a store method called inside a transaction, and rolls the transaction back', async () => {
      const organization = anOrganization();
      const misuse = store.transaction(async (tx) => {
        await tx.insertOrganization(organization);
        await store.getOrganization(organization.id);
      });
      await expect(misuse).rejects.toThrow(/inside store\.transaction/);
      expect(await store.getOrganization(organization.id)).toBeNull();
    });

    it('rejects a nested store.transaction', async () => {
      await expect(store.transaction(() => store.transaction(async () => 1))).rejects.toThrow(
        /inside store\.transaction/,
      );
      await expect(store.transaction(async () => 2)).resolves.toBe(2);
    });
  });
}
