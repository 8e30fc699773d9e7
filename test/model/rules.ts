/**
 * What the model expects of each call: `decide` answers the outcome (success,
 * or the error code and reason) from the model's own state, and applies the
 * change to the model only when the call succeeds. The rules follow the
 * documented contract; where two refusals apply, the documented order wins
 * (actor, then the thing acted on, then rank, then the owner count).
 */
import {
  activeOwners,
  DAY,
  EMAIL_CHANGE_TTL,
  failure,
  findInvitation,
  gate,
  INVITATION_TTL,
  livePending,
  type Model,
  type ModelInvitation,
  type ModelOrg,
  type ModelUser,
  type Outcome,
  orgsOf,
  type Role,
  rank,
  readsAssignedOnly,
  refused,
  success,
  user,
  userByEmail,
} from './model.js';
import type { Op } from './ops.js';

export { DAY };

/** How users are keyed: by the address they were created with, so two orders of the same calls agree. */
function newUser(m: Model, email: string, fullName: string, timezone: string): ModelUser {
  const n = m.users.filter((u) => u.key.startsWith(`u:${email}:`)).length;
  const created: ModelUser = { key: `u:${email}:${n}`, email, fullName, timezone, pending: null, emailLinks: 0 };
  m.users.push(created);
  return created;
}

function audit(o: ModelOrg, events = 1): void {
  o.audit += events;
}

/** Refuses a role the actor may not grant. */
const grantable = (actorRole: Role, role: Role) => rank(role) <= rank(actorRole);

export function decide(m: Model, op: Op): Outcome {
  switch (op.kind) {
    case 'createOrganization': {
      const owner = userByEmail(m, op.email) ?? newUser(m, op.email, op.fullName, 'UTC');
      const members = new Map([
        [owner.key, { role: 'owner' as Role, status: 'active' as const, projects: new Set<string>() }],
      ]);
      m.orgs.push({
        key: op.key,
        name: op.name,
        deleted: false,
        members,
        projects: new Map(),
        invitations: new Map(),
        audit: 2,
      });
      return success({ user: owner.key });
    }
    case 'renameOrganization': {
      const g = gate(m, op.actor, 'organization:update');
      if (refused(g)) return g;
      if (g.org.name !== op.name) {
        g.org.name = op.name;
        audit(g.org);
      }
      return success();
    }
    case 'deleteOrganization': {
      const g = gate(m, op.actor, 'organization:delete');
      if (refused(g)) return g;
      // The trail goes with the organization.
      Object.assign(g.org, {
        deleted: true,
        members: new Map(),
        projects: new Map(),
        invitations: new Map(),
        audit: 0,
      });
      return success();
    }
    case 'invite': {
      const g = gate(m, op.actor, 'members:invite');
      if (refused(g)) return g;
      if (!grantable(g.member.role, op.role)) return failure('FORBIDDEN', 'ROLE_NOT_GRANTABLE');
      const invitee = userByEmail(m, op.email);
      if (invitee !== undefined && g.org.members.has(invitee.key)) return failure('CONFLICT', 'ALREADY_MEMBER');
      const pending = [...g.org.invitations.values()].find((i) => i.email === op.email && i.status === 'pending');
      if (pending !== undefined && m.now < pending.expiresAt) return failure('CONFLICT', 'INVITATION_PENDING');
      if (op.projects.some((p) => !g.org.projects.has(p))) return failure('NOT_FOUND');
      if (pending !== undefined) pending.status = 'expired';
      g.org.invitations.set(op.key, {
        key: op.key,
        email: op.email,
        role: op.role,
        projects: [...op.projects],
        status: 'pending',
        gen: 0,
        expiresAt: m.now + INVITATION_TTL,
      });
      m.invitationKeys.push(op.key);
      audit(g.org);
      return success();
    }
    case 'preview': {
      const usable = usableInvitation(m, op.invitation, op.gen);
      if (refused(usable)) return usable;
      return success({ organization: usable.org.name, email: usable.invitation.email, role: usable.invitation.role });
    }
    case 'accept': {
      const usable = usableInvitation(m, op.invitation, op.gen);
      if (refused(usable)) return usable;
      const { org: o, invitation } = usable;
      const existing = userByEmail(m, invitation.email);
      if (existing !== undefined && o.members.has(existing.key)) return failure('CONFLICT', 'ALREADY_MEMBER');
      const joining = existing ?? newUser(m, invitation.email, op.fullName, op.timezone ?? 'UTC');
      const projects = new Set(invitation.projects.filter((p) => o.projects.has(p)));
      o.members.set(joining.key, { role: invitation.role, status: 'active', projects });
      invitation.status = 'accepted';
      audit(o, 2);
      return success({ user: joining.key });
    }
    case 'resend':
    case 'revoke': {
      const g = gate(m, op.actor, op.kind === 'resend' ? 'members:invite' : 'invitations:revoke');
      if (refused(g)) return g;
      const invitation = g.org.invitations.get(op.invitation);
      if (invitation === undefined) return failure('NOT_FOUND');
      if (!grantable(g.member.role, invitation.role)) return failure('FORBIDDEN', 'ROLE_NOT_GRANTABLE');
      if (invitation.status !== 'pending') return failure('CONFLICT', 'INVITATION_NOT_PENDING');
      if (op.kind === 'revoke') invitation.status = 'revoked';
      else Object.assign(invitation, { gen: invitation.gen + 1, expiresAt: m.now + INVITATION_TTL });
      audit(g.org);
      return success();
    }
    case 'update':
      return decideUpdate(m, op);
    case 'confirmEmail': {
      const u = user(m, op.user);
      if (u?.pending == null || u.pending.gen !== op.gen) return failure('INVITATION_INVALID');
      if (m.now >= u.pending.expiresAt) return failure('INVITATION_EXPIRED');
      const next = u.pending.email;
      if (m.users.some((other) => other !== u && other.email === next)) return failure('CONFLICT', 'EMAIL_TAKEN');
      Object.assign(u, { email: next, pending: null });
      for (const o of orgsOf(m, u.key)) audit(o);
      return success();
    }
    case 'setStatus': {
      const g = gate(m, op.actor, 'members:disable');
      if (refused(g)) return g;
      const target = g.org.members.get(op.target);
      if (target === undefined) return failure('NOT_FOUND');
      if (rank(target.role) > rank(g.member.role)) return failure('FORBIDDEN', 'TARGET_OUTRANKS_ACTOR');
      if (target.status === op.status) return success();
      if (op.status === 'disabled' && target.role === 'owner' && activeOwners(g.org) <= 1) return failure('LAST_OWNER');
      target.status = op.status;
      audit(g.org);
      return success();
    }
    case 'remove': {
      const leaving = op.target === op.actor.user;
      const g = gate(m, op.actor, leaving ? 'organization:read' : 'members:remove');
      if (refused(g)) return g;
      const target = g.org.members.get(op.target);
      if (target === undefined) return failure('NOT_FOUND');
      if (!leaving && rank(target.role) > rank(g.member.role)) return failure('FORBIDDEN', 'TARGET_OUTRANKS_ACTOR');
      if (target.role === 'owner' && target.status === 'active' && activeOwners(g.org) <= 1)
        return failure('LAST_OWNER');
      g.org.members.delete(op.target);
      audit(g.org);
      return success();
    }
    case 'createProject': {
      const g = gate(m, op.actor, 'projects:create');
      if (refused(g)) return g;
      g.org.projects.set(op.key, op.name);
      m.projectKeys.push(op.key);
      audit(g.org);
      return success();
    }
    case 'renameProject': {
      const g = gate(m, op.actor, 'projects:update', op.project);
      if (refused(g)) return g;
      if (g.org.projects.get(op.project) !== op.name) {
        g.org.projects.set(op.project, op.name);
        audit(g.org);
      }
      return success();
    }
    case 'deleteProject': {
      const g = gate(m, op.actor, 'projects:delete', op.project);
      if (refused(g)) return g;
      g.org.projects.delete(op.project);
      for (const member of g.org.members.values()) member.projects.delete(op.project);
      audit(g.org);
      return success();
    }
    case 'getProject': {
      const g = gate(m, op.actor, 'projects:read', op.project);
      return refused(g) ? g : success({ project: op.project });
    }
    case 'assign':
    case 'unassign': {
      const g = gate(m, op.actor, 'projects:assign');
      if (refused(g)) return g;
      if (!g.org.projects.has(op.project)) return failure('NOT_FOUND');
      const target = g.org.members.get(op.target);
      if (target === undefined) return failure('NOT_FOUND');
      if (rank(target.role) > rank(g.member.role)) return failure('FORBIDDEN', 'TARGET_OUTRANKS_ACTOR');
      if (target.projects.has(op.project) !== (op.kind === 'assign')) {
        if (op.kind === 'assign') target.projects.add(op.project);
        else target.projects.delete(op.project);
        audit(g.org);
      }
      return success();
    }
    case 'read':
      return decideRead(m, op);
    case 'advance':
      m.now += op.ms;
      return success();
  }
}

/** The invitation behind link `gen`, if that link still works. */
function usableInvitation(
  m: Model,
  key: string,
  gen: number,
): { org: ModelOrg; invitation: ModelInvitation } | Outcome {
  const found = findInvitation(m, key);
  // A replaced link, or one whose organization is gone, is unknown.
  if (found === undefined || found.invitation.gen !== gen) return failure('INVITATION_INVALID');
  if (found.invitation.status === 'expired') return failure('INVITATION_EXPIRED');
  if (found.invitation.status !== 'pending') return failure('INVITATION_INVALID');
  if (m.now >= found.invitation.expiresAt) return failure('INVITATION_EXPIRED');
  return found;
}

function decideRead(m: Model, op: Extract<Op, { kind: 'read' }>): Outcome {
  const permission = {
    organization: 'organization:read',
    self: 'organization:read',
    members: 'members:read',
    projects: 'projects:read',
    audit: 'audit:read',
  }[op.what];
  const g = gate(m, op.actor, permission);
  if (refused(g)) return g;
  switch (op.what) {
    case 'organization':
      return success({ name: g.org.name });
    case 'self':
      return success({ role: g.member.role, status: g.member.status });
    case 'members':
      return success({ users: [...g.org.members.keys()].sort() });
    case 'projects': {
      const visible = readsAssignedOnly(g.member.role) ? [...g.member.projects] : [...g.org.projects.keys()];
      return success({ projects: visible.sort() });
    }
    case 'audit':
      return success();
  }
}

/**
 * `members.update`: a role change is managing a member; a profile change is
 * the user's own, or an admin's only while the user belongs to this
 * organization alone. A new email only becomes pending.
 */
function decideUpdate(m: Model, op: Extract<Op, { kind: 'update' }>): Outcome {
  const given = [op.role, op.fullName, op.timezone, op.email].filter((field) => field !== undefined);
  if (given.length === 0) return failure('VALIDATION_FAILED'); // input is checked before anyone is asked
  const self = op.target === op.actor.user;
  const profileOnly = self && op.role === undefined;
  const g = gate(m, op.actor, profileOnly ? 'profile:update' : 'members:update');
  if (refused(g)) return g;
  const target = g.org.members.get(op.target);
  if (target === undefined) return failure('NOT_FOUND');
  if (!profileOnly && rank(target.role) > rank(g.member.role)) return failure('FORBIDDEN', 'TARGET_OUTRANKS_ACTOR');
  const roleChanged = op.role !== undefined && op.role !== target.role;
  if (op.role !== undefined && roleChanged) {
    if (!grantable(g.member.role, op.role)) return failure('FORBIDDEN', 'ROLE_NOT_GRANTABLE');
    if (target.role === 'owner' && target.status === 'active' && activeOwners(g.org) <= 1) return failure('LAST_OWNER');
  }
  const u = user(m, op.target)!;
  const profileChanged =
    (op.fullName !== undefined && op.fullName !== u.fullName) ||
    (op.timezone !== undefined && op.timezone !== u.timezone);
  const pending = livePending(m, u);
  const email: 'withdraw' | string | undefined =
    op.email === undefined ? undefined : op.email === u.email ? (pending === null ? undefined : 'withdraw') : op.email;
  const touchesProfile = profileChanged || email !== undefined;
  const orgs = orgsOf(m, op.target);
  if (touchesProfile && !self && orgs.length > 1) return failure('FORBIDDEN', 'PROFILE_SHARED_WITH_OTHER_ORGANIZATION');

  // The user's own change is told to each of their organizations; an admin's, to this one.
  const auditedIn = self && touchesProfile ? orgs : [g.org];
  if (op.role !== undefined && roleChanged) target.role = op.role;
  if (roleChanged || profileChanged) audit(g.org);
  if (profileChanged) {
    for (const o of auditedIn) if (o !== g.org) audit(o);
    if (op.fullName !== undefined) u.fullName = op.fullName;
    if (op.timezone !== undefined) u.timezone = op.timezone;
  }
  if (email === 'withdraw') u.pending = null;
  else if (email !== undefined) {
    u.pending = { email, gen: u.emailLinks, expiresAt: m.now + EMAIL_CHANGE_TTL };
    u.emailLinks += 1;
  }
  if (email !== undefined) for (const o of auditedIn) audit(o);
  return success();
}
