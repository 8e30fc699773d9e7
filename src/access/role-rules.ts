/**
 * The role rules, in the one place every service asks. Each
 * function answers `null` (allowed) or the reason for a refusal, so callers
 * can both enforce and explain.
 */
import { type Matrix, OWNER_ROLE, type PermissionString } from './matrix.js';

export const DENIAL_REASONS = {
  /** The actor's role does not hold the permission. */
  ROLE_LACKS_PERMISSION: 'ROLE_LACKS_PERMISSION',
  /** The role holds the permission only in assigned projects, and this one is not. */
  PROJECT_NOT_ASSIGNED: 'PROJECT_NOT_ASSIGNED',
  /** The actor's membership is disabled. */
  MEMBER_DISABLED: 'MEMBER_DISABLED',
  /** The target member outranks the actor (an admin acting on an owner). */
  TARGET_OUTRANKS_ACTOR: 'TARGET_OUTRANKS_ACTOR',
  /** The actor may not grant this role (an admin inviting an owner). */
  ROLE_NOT_GRANTABLE: 'ROLE_NOT_GRANTABLE',
  /**
   * The user belongs to another organization too, so their profile (full
   * name, timezone, email) is theirs alone to change.
   */
  PROFILE_SHARED_WITH_OTHER_ORGANIZATION: 'PROFILE_SHARED_WITH_OTHER_ORGANIZATION',
  /** The host's user id given to `invitations.accept` belongs to a user with another email than the invitation's. */
  INVITATION_EMAIL_MISMATCH: 'INVITATION_EMAIL_MISMATCH',
  /** The host's user id given as the new organization's owner belongs to a user with another email. */
  USER_EMAIL_MISMATCH: 'USER_EMAIL_MISMATCH',
} as const;

export type DenialReason = keyof typeof DENIAL_REASONS;

/** Why a call was refused, carried in `OrgkitError.details` of a `FORBIDDEN` error. */
export interface Denial {
  readonly reason: DenialReason;
  readonly permission?: string;
  readonly role?: string;
  readonly targetRole?: string;
  readonly projectId?: string;
}

/** Whether `actorRole` holds `permission`, and, for an `assigned` grant, whether the project is assigned. */
export function checkPermission(
  matrix: Matrix,
  actorRole: string,
  permission: PermissionString,
  project?: { projectId: string; assigned: boolean },
): Denial | null {
  const scope = matrix.scope(actorRole, permission);
  if (scope === null) return { reason: 'ROLE_LACKS_PERMISSION', permission, role: actorRole };
  if (scope === 'assigned') {
    // An `assigned` grant with no project named covers only the actor's own projects,
    // which the caller must then filter to (projects.list does).
    if (project !== undefined && !project.assigned) {
      return { reason: 'PROJECT_NOT_ASSIGNED', permission, role: actorRole, projectId: project.projectId };
    }
  }
  return null;
}

/** owner → owner, admin, user; admin → admin, user; a role never grants one above itself. */
export function checkGrant(matrix: Matrix, actorRole: string, role: string): Denial | null {
  return outranks(matrix, role, actorRole) ? { reason: 'ROLE_NOT_GRANTABLE', role: actorRole, targetRole: role } : null;
}

/** owner → anyone; admin → admins and users, never owners. */
export function checkActOn(matrix: Matrix, actorRole: string, targetRole: string): Denial | null {
  return outranks(matrix, targetRole, actorRole)
    ? { reason: 'TARGET_OUTRANKS_ACTOR', role: actorRole, targetRole }
    : null;
}

/** Whether a membership change leaves the organization without this active owner. */
export function losesActiveOwner(
  before: { role: string; status: string },
  after: { role: string; status: string } | null,
): boolean {
  const wasActiveOwner = before.role === OWNER_ROLE && before.status === 'active';
  const isActiveOwner = after !== null && after.role === OWNER_ROLE && after.status === 'active';
  return wasActiveOwner && !isActiveOwner;
}

function outranks(matrix: Matrix, role: string, actorRole: string): boolean {
  const rank = matrix.rank(role);
  const actorRank = matrix.rank(actorRole);
  // Unknown roles (data left by a removed custom role) are treated as untouchable.
  if (rank === undefined || actorRank === undefined) return true;
  return rank > actorRank;
}
