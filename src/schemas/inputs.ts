/**
 * The input of every public call, as zod schemas. Role fields depend on the
 * matrix in use, so these come from one factory that `createOrgkit` calls
 * with its matrix's roles.
 */
import { z } from 'zod';
import type { Role } from '../access/default-matrix.js';
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
  searchSchema,
  settingsSchema,
  timezoneSchema,
  withoutUndefined,
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
        /** The host's own id for this user; orgkit mints one when it is absent. */
        userId: idSchema.optional(),
        email: emailSchema,
        fullName: fullNameSchema,
        timezone: timezoneSchema.default('UTC'),
      }),
    }),
    updateOrganization: z
      .strictObject({ name: organizationNameSchema.optional(), settings: settingsSchema.optional() })
      .refine(atLeastOneField, 'Give at least one field to change.')
      .transform(withoutUndefined),
    listMembers: z
      .strictObject({
        role: role.optional(),
        status: memberStatusSchema.optional(),
        search: searchSchema.optional(),
        ...page,
      })
      .transform(withoutUndefined),
    updateMember: z
      .strictObject({
        role: role.optional(),
        email: emailSchema.optional(),
        timezone: timezoneSchema.optional(),
        fullName: fullNameSchema.optional(),
      })
      .refine(atLeastOneField, 'Give at least one field to change.')
      .transform(withoutUndefined),
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
    acceptInvitation: z
      .strictObject({
        token: z.string().min(1).max(512),
        fullName: fullNameSchema,
        timezone: timezoneSchema.optional(),
        /** The host's own id for the signed-in user accepting; orgkit mints one when it is absent. */
        userId: idSchema.optional(),
      })
      .transform(withoutUndefined),
    confirmEmail: z.strictObject({ token: z.string().min(1).max(512) }),
    createProject: z.strictObject({ name: projectNameSchema }),
    projectName: projectNameSchema,
    authorizeOptions: z.strictObject({ projectId: idSchema.optional() }),
    deliverPendingMail: z.strictObject({ limit: z.number().int().min(1).max(10_000).default(100) }),
  };
}

export type OrgkitSchemas<R extends string = string> = ReturnType<typeof createSchemas<R>>;

type WithRole<T, R extends string> = Omit<T, 'role'> & { role: R };
type WithOptionalRole<T, R extends string> = Omit<T, 'role'> & { role?: R | undefined };
type Inputs = OrgkitSchemas<Role>;

export type CreateOrganizationInput = z.input<Inputs['createOrganization']>;
export type UpdateOrganizationInput = z.input<Inputs['updateOrganization']>;
/** `R`: the roles of the matrix in use. */
export type ListMembersInput<R extends string = Role> = WithOptionalRole<z.input<Inputs['listMembers']>, R>;
export type UpdateMemberInput<R extends string = Role> = WithOptionalRole<z.input<Inputs['updateMember']>, R>;
export type ListAuditEventsInput = z.input<Inputs['listAuditEvents']>;
export type CreateInvitationInput<R extends string = Role> = WithRole<z.input<Inputs['createInvitation']>, R>;
export type ListInvitationsInput = z.input<Inputs['listInvitations']>;
export type AcceptInvitationInput = z.input<Inputs['acceptInvitation']>;
export type ConfirmEmailInput = z.input<Inputs['confirmEmail']>;
export type CreateProjectInput = z.input<Inputs['createProject']>;
