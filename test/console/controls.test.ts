/** What each role sees, from the access answer the server gives it (the default matrix). */
import { describe, expect, it } from 'vitest';
import { permissionMatrix } from '../../src/access/default-matrix.js';
import {
  type AccessLike,
  invitableRoles,
  invitationControls,
  memberControls,
  usersControls,
} from '../../src/console/controls.js';

const ROLES = ['owner', 'admin', 'user'] as const;

/** The access answer for `role`, as GET …/access builds it. */
function accessOf(role: (typeof ROLES)[number], userId = `${role}-id`): AccessLike {
  const permissions: Record<string, 'all' | 'assigned'> = {};
  for (const permission of permissionMatrix.permissions) {
    const scope = permissionMatrix.scope(role, permission);
    if (scope !== null) permissions[permission] = scope;
  }
  const rank = (name: string) => permissionMatrix.rank(name) ?? 0;
  return {
    member: { userId },
    role,
    permissions,
    roles: [...ROLES],
    grantableRoles: ROLES.filter((name) => rank(name) <= rank(role)),
  };
}

const member = (role: string, status = 'active') => ({ userId: `target-${role}`, role, status });

describe('the Users screen', () => {
  it('offers owners and admins the list, Add User, invitations and audit; a user none of them', () => {
    for (const role of ['owner', 'admin'] as const) {
      expect(usersControls(accessOf(role)), role).toMatchObject({
        listMembers: true,
        invite: true,
        listInvitations: true,
        audit: true,
      });
    }
    const user = usersControls(accessOf('user'));
    expect(Object.values(user).some(Boolean)).toBe(false);
    expect(Object.values(usersControls(null)).some(Boolean)).toBe(false);
  });

  it('offers Revoke and Resend only for invitations to a role the member may grant', () => {
    expect(invitationControls(accessOf('owner'), { role: 'owner' })).toEqual({ revoke: true, resend: true });
    expect(invitationControls(accessOf('admin'), { role: 'owner' })).toEqual({ revoke: false, resend: false });
    expect(invitationControls(accessOf('admin'), { role: 'user' })).toEqual({ revoke: true, resend: true });
    expect(invitationControls(accessOf('user'), { role: 'user' })).toEqual({ revoke: false, resend: false });
  });

  it('offers in Add User only the roles the member may grant', () => {
    expect(invitableRoles(accessOf('owner'))).toEqual(['owner', 'admin', 'user']);
    expect(invitableRoles(accessOf('admin'))).toEqual(['admin', 'user']);
    expect(invitableRoles(accessOf('user'))).toEqual([]);
  });
});

describe('the User Console', () => {
  it('gives an owner every control over an admin', () => {
    expect(memberControls(accessOf('owner'), member('admin'))).toEqual({
      setStatus: true,
      enable: false,
      disable: true,
      roles: ['owner', 'admin', 'user'],
      editProfile: true,
      assignProjects: true,
      remove: true,
    });
    expect(memberControls(accessOf('owner'), member('admin', 'disabled'))).toMatchObject({
      enable: true,
      disable: false,
    });
  });

  it('shows an admin no control over an owner', () => {
    const controls = memberControls(accessOf('admin'), member('owner'));
    expect(controls).toEqual({
      setStatus: false,
      enable: false,
      disable: false,
      roles: [],
      editProfile: false,
      assignProjects: false,
      remove: false,
    });
  });

  it('lets an admin manage a user, granting at most admin', () => {
    expect(memberControls(accessOf('admin'), member('user'))).toMatchObject({
      disable: true,
      roles: ['admin', 'user'],
    });
  });

  it('shows a user only their own profile, and nobody a switch to disable or remove themselves', () => {
    const self = accessOf('user', 'me');
    expect(memberControls(self, { userId: 'me', role: 'user', status: 'active' })).toEqual({
      setStatus: false,
      enable: false,
      disable: false,
      roles: [],
      editProfile: true,
      assignProjects: false,
      remove: false,
    });
    expect(memberControls(self, member('user'))).toMatchObject({ editProfile: false, disable: false });
    const owner = accessOf('owner', 'boss');
    expect(memberControls(owner, { userId: 'boss', role: 'owner', status: 'active' })).toMatchObject({
      disable: false,
      remove: false,
      roles: ['owner', 'admin', 'user'],
    });
  });
});
