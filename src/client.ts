/**
 * The typed client for orgkit's JSON API, for browsers and Node. It imports
 * neither zod, kysely nor a driver: check with `npm run check:client-size`.
 */
export type { ClientCall, OrgkitClient } from './client/client-types.js';
export { createOrgkitClient, type OrgkitClientOptions } from './client/create-client.js';
export { isOrgkitError, OrgkitError, type OrgkitErrorCode } from './errors.js';
export type { EntityType, ResponseType } from './http/route.js';
