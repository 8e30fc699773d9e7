/**
 * Resolving the actor: the one path by which every call learns who is acting
 * and whether they may. Nothing but the ids is taken from the caller.
 */
import type { Matrix, PermissionString, Scope } from '../access/matrix.js';
import { checkActOn, checkGrant, checkPermission, type Denial } from '../access/role-rules.js';
import { type NotFoundTarget, OrgkitError } from '../errors.js';
import type { Actor } from '../schemas/common.js';
import type { AccessRecord } from '../store/records.js';
import type { StoreTx } from '../store/store.js';

export interface ResolvedActor extends Actor {
  role: string;
  /** The scope of the permission that was asked for. */
  scope: Scope;
}

/**
 * Loads the actor's membership (one query) and checks it: not a member →
 * `UNAUTHENTICATED`; disabled → `FORBIDDEN` (`MEMBER_DISABLED`); a project from
 * another organization → `NOT_FOUND`; no permission → `FORBIDDEN` with the reason.
 */
export async function requireActor(
  store: StoreTx,
  matrix: Matrix,
  actor: Actor,
  permission: PermissionString,
  projectId?: string,
): Promise<ResolvedActor> {
  const access = await store.getAccess(actor.organizationId, actor.userId, projectId);
  const { role, scope } = checkAccess(matrix, access, permission, projectId);
  return { ...actor, role, scope };
}

/** The checks of {@link requireActor} on an access record already loaded for `projectId`. */
export function checkAccess(
  matrix: Matrix,
  access: AccessRecord | null,
  permission: PermissionString,
  projectId: string | undefined,
): { role: string; scope: Scope } {
  if (access === null) throw new OrgkitError({ code: 'UNAUTHENTICATED' });
  if (access.status !== 'active') throw forbidden({ reason: 'MEMBER_DISABLED', role: access.role });
  if (projectId !== undefined && !access.projectExists) throw notFound('project');
  const project = projectId === undefined ? undefined : { projectId, assigned: access.assigned };
  const denial = checkPermission(matrix, access.role, permission, project);
  if (denial !== null) throw forbidden(denial);
  return { role: access.role, scope: matrix.scope(access.role, permission)! };
}

/** Refuses unless the actor's role may act on a member holding `targetRole`. */
export function requireActOn(matrix: Matrix, actor: ResolvedActor, targetRole: string): void {
  const denial = checkActOn(matrix, actor.role, targetRole);
  if (denial !== null) throw forbidden(denial);
}

/** Refuses unless the actor's role may grant `role`. */
export function requireGrant(matrix: Matrix, actor: ResolvedActor, role: string): void {
  const denial = checkGrant(matrix, actor.role, role);
  if (denial !== null) throw forbidden(denial);
}

export function forbidden(denial: Denial): OrgkitError<'FORBIDDEN'> {
  return new OrgkitError({ code: 'FORBIDDEN', details: { ...denial } });
}

export function notFound(what: NotFoundTarget, projectIds?: string[]): OrgkitError<'NOT_FOUND'> {
  return new OrgkitError({
    code: 'NOT_FOUND',
    message: `No such ${what} in this organization.`,
    details: projectIds === undefined ? { what } : { what, projectIds },
  });
}
