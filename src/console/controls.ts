/**
 * Which controls the signed-in member sees, from `GET …/access`. The server
 * refuses anyway; hiding what would be refused keeps the screen honest.
 * Pure: unit-tested without a DOM.
 */

/** What the console needs of the access answer (and of a member). */
export interface AccessLike {
  readonly member: { readonly userId: string };
  readonly role: string;
  readonly permissions: Partial<Record<string, 'all' | 'assigned'>>;
  /** Every role, highest first. */
  readonly roles: readonly string[];
  /** The roles the member may grant, and so act on. */
  readonly grantableRoles: readonly string[];
}

export interface TargetLike {
  readonly userId: string;
  readonly role: string;
  readonly status: string;
}

const holds = (access: AccessLike | null, permission: string) => access?.permissions[permission] !== undefined;

/** Controls of the Users screen. */
export function usersControls(access: AccessLike | null) {
  return {
    /** The member list itself: a `user` sees only their own profile. */
    listMembers: holds(access, 'members:read'),
    invite: holds(access, 'members:invite') && (access?.grantableRoles.length ?? 0) > 0,
    listInvitations: holds(access, 'invitations:read'),
    audit: holds(access, 'audit:read'),
    createProject: holds(access, 'projects:create'),
    renameProject: holds(access, 'projects:update'),
    deleteProject: holds(access, 'projects:delete'),
  };
}

/** Controls of the User Console for `target`, as `access`'s member sees them. */
export function memberControls(access: AccessLike | null, target: TargetLike) {
  const self = access?.member.userId === target.userId;
  const reaches = access?.grantableRoles.includes(target.role) === true;
  const may = (permission: string) => holds(access, permission) && reaches;
  return {
    /** Disabling oneself would lock one out; the server allows it, the console does not offer it. */
    setStatus: may('members:disable') && !self,
    enable: may('members:disable') && !self && target.status === 'disabled',
    disable: may('members:disable') && !self && target.status === 'active',
    /** The roles offered in "Update role": those the actor may grant. Empty: no control. */
    roles: may('members:update') ? [...(access?.grantableRoles ?? [])] : [],
    /** Email, timezone and full name: one's own profile, or a member one may update. */
    editProfile: self ? holds(access, 'profile:update') : may('members:update'),
    assignProjects: may('projects:assign'),
    remove: may('members:remove') && !self,
  };
}

/** Revoke and Resend of one invitation: only for a role the member could grant (the server's rule). */
export function invitationControls(access: AccessLike | null, invitation: { readonly role: string }) {
  const grantable = access?.grantableRoles.includes(invitation.role) === true;
  return {
    revoke: holds(access, 'invitations:revoke') && grantable,
    resend: holds(access, 'members:invite') && grantable,
  };
}

/** The roles offered in the Add User modal: those the member may grant. */
export function invitableRoles(access: AccessLike | null): string[] {
  return holds(access, 'members:invite') ? [...(access?.grantableRoles ?? [])] : [];
}
