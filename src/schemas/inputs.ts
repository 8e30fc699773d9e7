/**
 * The input of every public call, as zod schemas. Role fields depend on the
 * matrix in use, so these come from one factory; `schemas` is the default
 * matrix's set.
 */
import { z } from 'zod';
import { permissionMatrix } from '../access/default-matrix.js';
import { INVITATION_STATUSES } from '../store/records.js';
import {
  cursorSchema,
  emailSchema,
  fullNameSchema,
  idSchema,
  limitSchema,
  memberStatusSchema,
  organizationNameSchema,
  projectNameSchema,
  roleSchema,
  settingsSchema,
  timezoneSchema,
} from './common.js';

const atLeastOneField = (value: object) => Object.values(value).some((field) => field !== undefined);

export function createSchemas<R extends string>(roles: readonly R[]) {
  const role = roleSchema(roles);
  const page = { limit: limitSchema.default(50), cursor: cursorSchema.optional() };
  return {
    role,
    createOrganization: z.strictObject({
      name: organizationNameSchema,
      owner: z.strictObject({
        email: emailSchema,
        fullName: fullNameSchema,
        timezone: timezoneSchema.default('UTC'),
      }),
    }),
    updateOrganization: z
      .strictObject({ name: organizationNameSchema.optional(), settings: settingsSchema.optional() })
      .refine(atLeastOneField, 'Give at least one field to change.'),
    listMembers: z.strictObject({
      role: role.optional(),
      status: memberStatusSchema.optional(),
      search: z.string().trim().max(200).optional(),
      ...page,
    }),
    updateMember: z
      .strictObject({
        role: role.optional(),
        email: emailSchema.optional(),
        timezone: timezoneSchema.optional(),
        fullName: fullNameSchema.optional(),
      })
      .refine(atLeastOneField, 'Give at least one field to change.'),
    memberStatus: memberStatusSchema,
    listAuditEvents: z.strictObject(page),
    createInvitation: z.strictObject({
      email: emailSchema,
      role,
      projectIds: z
        .array(idSchema)
        .max(100)
        .default([])
        .transform((ids) => [...new Set(ids)]),
    }),
    listInvitations: z.strictObject({ status: z.enum(INVITATION_STATUSES).optional(), ...page }),
    token: z.string().min(1).max(512),
    acceptInvitation: z.strictObject({
      token: z.string().min(1).max(512),
      fullName: fullNameSchema,
      timezone: timezoneSchema.optional(),
    }),
    createProject: z.strictObject({ name: projectNameSchema }),
    projectName: projectNameSchema,
    authorizeOptions: z.strictObject({ projectId: idSchema.optional() }),
  };
}

export type OrgkitSchemas<R extends string = string> = ReturnType<typeof createSchemas<R>>;

export const schemas = createSchemas(permissionMatrix.roles);

export type CreateOrganizationInput = z.input<typeof schemas.createOrganization>;
export type UpdateOrganizationInput = z.input<typeof schemas.updateOrganization>;
export type ListMembersInput = z.input<typeof schemas.listMembers>;
export type UpdateMemberInput = z.input<typeof schemas.updateMember>;
export type ListAuditEventsInput = z.input<typeof schemas.listAuditEvents>;
export type CreateInvitationInput = z.input<typeof schemas.createInvitation>;
export type ListInvitationsInput = z.input<typeof schemas.listInvitations>;
export type AcceptInvitationInput = z.input<typeof schemas.acceptInvitation>;
export type CreateProjectInput = z.input<typeof schemas.createProject>;
