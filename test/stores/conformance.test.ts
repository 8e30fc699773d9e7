import { testStoreConformance } from '../../src/testing/store-conformance.js';
import { STORES } from '../support/stores.js';

for (const factory of STORES) {
  testStoreConformance(factory);
}
