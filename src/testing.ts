export {
  type FaultyStore,
  type FaultyStoreOptions,
  faultyStore,
  type StoreCall,
} from './testing/faulty-store.js';
export {
  aMail,
  aMembership,
  anAssignment,
  anAuditEvent,
  anEmail,
  anInvitation,
  anOrganization,
  aProject,
  aTime,
  aTokenHash,
  aUser,
} from './testing/fixtures.js';
export { MemoryMailer } from './testing/memory-mailer.js';
export { type StoreConformanceOptions, testStoreConformance } from './testing/store-conformance.js';
