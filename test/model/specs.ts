/**
 * What fast-check generates: a `Spec` is a call kind plus raw numbers and
 * choices, resolved against the model's state only when the step runs
 * (`resolve`), so a shrunk sequence still names things that exist. Actors
 * are drawn from every user (owners, admins, users, disabled members,
 * members of other organizations) and a user no one created.
 */
import fc from 'fast-check';
import { GHOST, type Model, type ModelOrg, ROLES, type Role } from './model.js';
import type { Op, Read } from './ops.js';

const HOUR = 3_600_000;
const NAMES = ['Ada', 'Bea', 'Cy'];
const ZONES = ['UTC', 'Europe/Berlin', 'Asia/Tokyo'];
const TITLES = ['Acme', 'Blue', 'Core'];
const READS: Read[] = ['organization', 'self', 'members', 'projects', 'audit'];
const ADVANCES = [HOUR, 23 * HOUR, 2 * 24 * HOUR, 8 * 24 * HOUR];

/** Each kind with how often it is drawn. */
const KINDS = {
  createOrganization: 1,
  renameOrganization: 1,
  deleteOrganization: 1,
  invite: 6,
  accept: 6,
  preview: 1,
  resend: 2,
  revoke: 2,
  update: 6,
  confirmEmail: 3,
  setStatus: 4,
  remove: 3,
  createProject: 3,
  renameProject: 1,
  deleteProject: 1,
  getProject: 1,
  assign: 3,
  unassign: 2,
  read: 3,
  advance: 2,
} satisfies Record<Op['kind'], number>;

export interface Spec {
  kind: Op['kind'];
  /** Raw picks, each taken modulo whatever it chooses from. */
  n: [number, number, number, number, number];
  flags: [boolean, boolean, boolean, boolean];
  role: Role;
}

export const specArbitrary: fc.Arbitrary<Spec> = fc.record({
  kind: fc.oneof(
    ...Object.entries(KINDS).map(([kind, weight]) => ({ arbitrary: fc.constant(kind as Op['kind']), weight })),
  ),
  n: fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat(), fc.nat()),
  flags: fc.tuple(fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean()),
  role: fc.constantFrom(...ROLES),
});

const pick = <T>(list: readonly T[], n: number): T | undefined =>
  list.length === 0 ? undefined : list[n % list.length];

/** Mostly a member of the organization (any role or status), otherwise anyone, the ghost included. */
function pickUser(m: Model, o: ModelOrg, n: number): string {
  const members = [...o.members.keys()];
  if (members.length > 0 && n % 4 !== 0) return members[Math.floor(n / 4) % members.length]!;
  return pick([...m.users.map((u) => u.key), GHOST], Math.floor(n / 4))!;
}

/** Mostly a pending invitation (of `o` when given), otherwise any ever made (used, revoked, elsewhere, gone). */
function pickInvitation(m: Model, n: number, o?: ModelOrg): string | undefined {
  const pendingIn = (orgs: ModelOrg[]) =>
    orgs.flatMap((x) => [...x.invitations.values()].filter((i) => i.status === 'pending').map((i) => i.key));
  const own = o === undefined ? [] : pendingIn([o]);
  const anywhere = pendingIn(m.orgs);
  const from = n % 4 === 0 ? m.invitationKeys : own.length > 0 && n % 4 !== 3 ? own : anywhere;
  return pick(from, Math.floor(n / 4));
}

/** Turns a spec into a call on the model's current state; `undefined` when there is nothing to call it on. */
export function resolve(m: Model, spec: Spec): Op | undefined {
  const [a, b, c, d, e] = spec.n;
  const [f0, f1, f2, f3] = spec.flags;
  const o = pick(m.orgs, a)!;
  const actor = { org: o.key, user: pickUser(m, o, b) };
  const target = f0 && spec.kind !== 'invite' ? actor.user : pickUser(m, o, c);
  const name = pick(NAMES, d)!;
  const title = pick(TITLES, d)!;
  const project = pick(m.projectKeys, c);
  const email = pick(m.emails, e)!;
  switch (spec.kind) {
    case 'createOrganization':
      if (m.orgs.length >= 4) return undefined;
      return { kind: 'createOrganization', key: `o${m.nextKey++}`, name: title, email, fullName: name };
    case 'renameOrganization':
      return { kind: 'renameOrganization', actor, name: title };
    case 'deleteOrganization':
      return { kind: 'deleteOrganization', actor };
    case 'invite': {
      const projects = f1 ? [] : [pick(m.projectKeys, c)].filter((p) => p !== undefined);
      return { kind: 'invite', actor, key: `i${m.nextKey++}`, email, role: spec.role, projects };
    }
    case 'accept':
    case 'preview': {
      const invitation = pickInvitation(m, c);
      if (invitation === undefined) return undefined;
      const current = m.orgs.map((x) => x.invitations.get(invitation)).find((i) => i !== undefined)?.gen ?? 0;
      // Mostly the working link; sometimes an older one, replaced or already used.
      const gen = f1 ? d % (current + 1) : current;
      if (spec.kind === 'preview') return { kind: 'preview', invitation, gen };
      return { kind: 'accept', invitation, gen, fullName: name, ...(f2 ? { timezone: pick(ZONES, e)! } : {}) };
    }
    case 'resend':
    case 'revoke': {
      const invitation = pickInvitation(m, c, o);
      return invitation === undefined ? undefined : { kind: spec.kind, actor, invitation };
    }
    case 'update': {
      const self = m.users.find((u) => u.key === target);
      // An email from the pool (maybe another user's), or the current one (which withdraws a pending change).
      const newEmail = d % 3 === 0 ? undefined : d % 3 === 1 ? email : self?.email;
      return {
        kind: 'update',
        actor,
        target,
        ...(f1 ? { role: spec.role } : {}),
        ...(f2 ? { fullName: name } : {}),
        ...(f3 ? { timezone: pick(ZONES, e)! } : {}),
        ...(newEmail === undefined ? {} : { email: newEmail }),
      };
    }
    case 'confirmEmail': {
      const users = m.users.filter((u) => u.emailLinks > 0);
      const u = pick(users, c);
      if (u === undefined) return undefined;
      const gen = !f1 && u.pending !== null ? u.pending.gen : d % u.emailLinks;
      return { kind: 'confirmEmail', user: u.key, gen };
    }
    case 'setStatus':
      return { kind: 'setStatus', actor, target, status: f1 ? 'active' : 'disabled' };
    case 'remove':
      return { kind: 'remove', actor, target };
    case 'createProject':
      return { kind: 'createProject', actor, key: `p${m.nextKey++}`, name: title };
    case 'renameProject':
    case 'deleteProject':
    case 'getProject':
      if (project === undefined) return undefined;
      return spec.kind === 'renameProject'
        ? { kind: spec.kind, actor, project, name: title }
        : { kind: spec.kind, actor, project };
    case 'assign':
    case 'unassign':
      return project === undefined ? undefined : { kind: spec.kind, actor, project, target };
    case 'read':
      return { kind: 'read', actor, what: pick(READS, d)! };
    case 'advance':
      return { kind: 'advance', ms: pick(ADVANCES, d)! };
  }
}

/**
 * The calls every run starts with, so each kind of actor exists from the
 * first step: two organizations, an admin and a user in the first, a user
 * shared with the second as its admin, a disabled user in the second.
 */
export function setupOps(m: Model): Op[] {
  const [e0, e1, e2, e3, e4] = m.emails as [string, string, string, string, string];
  const u = (email: string) => `u:${email}:0`;
  const o1 = { org: 'o1', user: u(e0) };
  const o2 = { org: 'o2', user: u(e1) };
  const join = (by: typeof o1, key: string, email: string, role: Role): Op[] => [
    { kind: 'invite', actor: by, key, email, role, projects: [] },
    { kind: 'accept', invitation: key, gen: 0, fullName: 'Member' },
  ];
  m.nextKey = 10;
  return [
    { kind: 'createOrganization', key: 'o1', name: 'Acme', email: e0, fullName: 'Olivia' },
    { kind: 'createOrganization', key: 'o2', name: 'Blue', email: e1, fullName: 'Oscar' },
    ...join(o1, 'i1', e2, 'admin'),
    ...join(o1, 'i2', e3, 'user'),
    ...join(o2, 'i3', e3, 'admin'),
    ...join(o2, 'i4', e4, 'user'),
    { kind: 'setStatus', actor: o2, target: u(e4), status: 'disabled' },
  ];
}
