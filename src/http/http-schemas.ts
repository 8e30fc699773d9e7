/**
 * The inputs the routes read, by name. Mostly the services' own schemas from
 * `createSchemas`; the few HTTP-only ones wrap a scalar the service takes as
 * an argument (`status`, `name`, `token`) in the JSON object a body must be.
 * The route table names these (`body: 'listMembers'`) instead of importing
 * them, so it stays free of zod and the browser client can share it.
 */
import { z } from 'zod';
import type { Role } from '../access/default-matrix.js';
import { fullNameSchema, timezoneSchema } from '../schemas/common.js';
import { createSchemas } from '../schemas/inputs.js';

export function createHttpSchemas<R extends string>(roles: readonly R[]) {
  const schemas = createSchemas(roles);
  return {
    updateOrganization: schemas.updateOrganization,
    listMembers: schemas.listMembers,
    updateMember: schemas.updateMember,
    setMemberStatus: z.strictObject({ status: schemas.memberStatus }),
    listAuditEvents: schemas.listAuditEvents,
    listInvitations: schemas.listInvitations,
    createInvitation: schemas.createInvitation,
    token: z.strictObject({ token: schemas.token }),
    // Spelt out rather than reused: a public route takes exactly these fields,
    // whatever else the service's own input grows to accept.
    acceptInvitation: z.strictObject({
      token: schemas.token,
      fullName: fullNameSchema,
      timezone: timezoneSchema.optional(),
    }),
    createProject: schemas.createProject,
    renameProject: z.strictObject({ name: schemas.projectName }),
  };
}

type HttpSchemasOf<R extends string> = ReturnType<typeof createHttpSchemas<R>>;

/** The route inputs, typed for the default matrix's roles. */
export type HttpSchemas = HttpSchemasOf<Role>;
export type HttpSchemaName = keyof HttpSchemas;
