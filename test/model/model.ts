/**
 * The model the model-based test compares orgkit with: plain data and a
 * handful of rules, written from the documented contract (docs/concepts.md,
 * docs/permissions.md) rather than from the services. Everything is named by
 * keys the model mints (`o1`, `p3`, `i7`, `u:<email>:0`); the real side maps
 * them to the ids orgkit answers.
 */

export type Role = 'owner' | 'admin' | 'user';
export type Status = 'active' | 'disabled';
export const ROLES: readonly Role[] = ['owner', 'admin', 'user'];
const RANK: Record<Role, number> = { owner: 30, admin: 20, user: 10 };

export const DAY = 24 * 3_600_000;
export const INVITATION_TTL = 7 * DAY;
export const EMAIL_CHANGE_TTL = DAY;

/** The user no one ever created: the plainest non-member. */
export const GHOST = 'ghost';

export interface ModelUser {
  key: string;
  email: string;
  fullName: string;
  timezone: string;
  /** The email change awaiting confirmation; `gen` numbers the confirmation links minted for this user. */
  pending: { email: string; gen: number; expiresAt: number } | null;
  /** How many confirmation links were ever mailed to this user's new addresses. */
  emailLinks: number;
}

export interface ModelMember {
  role: Role;
  status: Status;
  projects: Set<string>;
}

export interface ModelInvitation {
  key: string;
  email: string;
  role: Role;
  projects: string[];
  status: 'pending' | 'accepted' | 'revoked' | 'expired';
  /** Which of the invitation's links works: 0 for the first mail, +1 per resend. */
  gen: number;
  expiresAt: number;
}

export interface ModelOrg {
  key: string;
  name: string;
  deleted: boolean;
  members: Map<string, ModelMember>;
  projects: Map<string, string>;
  invitations: Map<string, ModelInvitation>;
  /** Audit events the organization's trail should hold. */
  audit: number;
}

export interface Model {
  now: number;
  users: ModelUser[];
  orgs: ModelOrg[];
  /** The addresses a run plays with: invitations and email changes pick from these. */
  emails: string[];
  /** Every project and invitation ever made, also those deleted since: calls may still name them. */
  projectKeys: string[];
  invitationKeys: string[];
  nextKey: number;
}

export interface ActorRef {
  org: string;
  user: string;
}

export type Outcome = { ok: true; value?: unknown } | { ok: false; code: string; reason?: string };

export const success = (value?: unknown): Outcome => (value === undefined ? { ok: true } : { ok: true, value });
export const failure = (code: string, reason?: string): Outcome & { ok: false } =>
  reason === undefined ? { ok: false, code } : { ok: false, code, reason };

// The permission table, as docs/permissions.md states it for the default matrix.
const ADMIN_HOLDS = [
  'organization:read',
  'organization:update',
  'settings:update',
  'members:read',
  'members:invite',
  'members:update',
  'members:disable',
  'members:remove',
  'invitations:read',
  'invitations:revoke',
  'projects:create',
  'projects:update',
  'projects:delete',
  'projects:assign',
  'projects:read',
  'audit:read',
  'profile:update',
];
const HOLDS: Record<Role, ReadonlySet<string>> = {
  owner: new Set([...ADMIN_HOLDS, 'organization:delete']),
  admin: new Set(ADMIN_HOLDS),
  user: new Set(['organization:read', 'projects:read', 'profile:update']),
};
/** Grants a user holds only in the projects assigned to them. */
const ASSIGNED_ONLY: Record<Role, ReadonlySet<string>> = {
  owner: new Set(),
  admin: new Set(),
  user: new Set(['projects:read']),
};

export const rank = (role: Role): number => RANK[role];
export const readsAssignedOnly = (role: Role): boolean => ASSIGNED_ONLY[role].has('projects:read');

export function org(m: Model, key: string): ModelOrg {
  const found = m.orgs.find((o) => o.key === key);
  if (found === undefined) throw new Error(`model: no organization ${key}`);
  return found;
}

export function user(m: Model, key: string): ModelUser | undefined {
  return m.users.find((u) => u.key === key);
}

export function userByEmail(m: Model, email: string): ModelUser | undefined {
  return m.users.find((u) => u.email === email);
}

export function orgsOf(m: Model, userKey: string): ModelOrg[] {
  return m.orgs.filter((o) => o.members.has(userKey));
}

export function activeOwners(o: ModelOrg): number {
  return [...o.members.values()].filter((mb) => mb.role === 'owner' && mb.status === 'active').length;
}

export function findInvitation(m: Model, key: string): { org: ModelOrg; invitation: ModelInvitation } | undefined {
  for (const o of m.orgs) {
    const invitation = o.invitations.get(key);
    if (invitation !== undefined) return { org: o, invitation };
  }
  return undefined;
}

export function projectOrg(m: Model, projectKey: string): ModelOrg | undefined {
  return m.orgs.find((o) => o.projects.has(projectKey));
}

export interface Gate {
  org: ModelOrg;
  member: ModelMember;
}

/**
 * Who may act, in the documented order: not a member → `UNAUTHENTICATED`;
 * disabled → `MEMBER_DISABLED`; a project not of this organization →
 * `NOT_FOUND`; a permission the role lacks → `ROLE_LACKS_PERMISSION`; a
 * project-scoped grant on a project not assigned → `PROJECT_NOT_ASSIGNED`.
 */
export function gate(m: Model, actor: ActorRef, permission: string, projectKey?: string): Gate | Outcome {
  const o = org(m, actor.org);
  const member = o.members.get(actor.user);
  if (member === undefined) return failure('UNAUTHENTICATED');
  if (member.status === 'disabled') return failure('FORBIDDEN', 'MEMBER_DISABLED');
  if (projectKey !== undefined && !o.projects.has(projectKey)) return failure('NOT_FOUND');
  if (!HOLDS[member.role].has(permission)) return failure('FORBIDDEN', 'ROLE_LACKS_PERMISSION');
  if (projectKey !== undefined && ASSIGNED_ONLY[member.role].has(permission) && !member.projects.has(projectKey)) {
    return failure('FORBIDDEN', 'PROJECT_NOT_ASSIGNED');
  }
  return { org: o, member };
}

export const refused = <T extends object>(g: T | Outcome): g is Outcome => 'ok' in g;

/** The pending email a member shows: none once expired. */
export function livePending(m: Model, u: ModelUser): ModelUser['pending'] {
  return u.pending !== null && m.now < u.pending.expiresAt ? u.pending : null;
}

/** What the real store must show, in model keys: compared after every step. */
export interface View {
  orgs: Array<{
    key: string;
    name: string;
    members: Array<{
      user: string;
      role: Role;
      status: Status;
      projects: string[];
      email: string;
      fullName: string;
      timezone: string;
      pendingEmail: string | null;
    }>;
    projects: Array<{ key: string; name: string }>;
    invitations: Array<{ key: string; email: string; role: Role; status: string }>;
    audit: number;
  }>;
}

export function view(m: Model): View {
  return {
    orgs: m.orgs
      .filter((o) => !o.deleted)
      .map((o) => ({
        key: o.key,
        name: o.name,
        members: [...o.members.entries()]
          .map(([key, mb]) => {
            const u = user(m, key)!;
            return {
              user: key,
              role: mb.role,
              status: mb.status,
              projects: [...mb.projects].sort(),
              email: u.email,
              fullName: u.fullName,
              timezone: u.timezone,
              pendingEmail: livePending(m, u)?.email ?? null,
            };
          })
          .sort((a, b) => a.user.localeCompare(b.user)),
        projects: [...o.projects.entries()]
          .map(([key, name]) => ({ key, name }))
          .sort((a, b) => a.key.localeCompare(b.key)),
        invitations: [...o.invitations.values()]
          .map((i) => ({
            key: i.key,
            email: i.email,
            role: i.role,
            status: i.status === 'pending' && m.now >= i.expiresAt ? 'expired' : i.status,
          }))
          .sort((a, b) => a.key.localeCompare(b.key)),
        audit: o.audit,
      })),
  };
}

export function emptyModel(now: number, emails: string[]): Model {
  return { now, users: [], orgs: [], emails, projectKeys: [], invitationKeys: [], nextKey: 1 };
}

export function cloneModel(m: Model): Model {
  return structuredClone(m);
}
