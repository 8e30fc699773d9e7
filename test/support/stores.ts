/**
 * Every store the suites run on. Each test file loops over `STORES`
 * (Kysely-style), and `ORGKIT_TEST_STORES=memory,sqlite` narrows the run.
 */
import type { Store } from '../../src/store/store.js';
import { memoryStore } from '../../src/stores/memory/memory-store.js';

export interface StoreFactory {
  name: string;
  /** A fresh, migrated, empty store. */
  create(): Promise<Store>;
  /** Closes the store and drops whatever `create` made for it. */
  destroy(store: Store): Promise<void>;
}

const ALL: StoreFactory[] = [
  {
    name: 'memory',
    create: async () => memoryStore(),
    destroy: (store) => store.close(),
  },
];

const only = process.env.ORGKIT_TEST_STORES?.split(',').map((name) => name.trim());

export const STORES: StoreFactory[] = only ? ALL.filter((factory) => only.includes(factory.name)) : ALL;
