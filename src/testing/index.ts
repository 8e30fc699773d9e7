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
} from './fixtures.js';
export { MemoryMailer } from './memory-mailer.js';
export { type StoreConformanceOptions, testStoreConformance } from './store-conformance.js';
