/**
 * One organization, seeded straight into the store (one transaction: fast
 * enough to seed afresh for every injected fault), with an orgkit over a
 * faulty wrapper of that store. Everything a service call may act on is
 * here: each role, a disabled member, a user shared with a second
 * organization, projects with an assignment, pending, lapsed and revoked
 * invitations with known tokens, and a pending email change.
 */
import { type Actor, type AuditEvent, createOrgkit, type Orgkit, type OrgkitLogEvent } from '../../../src/index.js';
import { hashToken, newToken } from '../../../src/services/tokens.js';
import type { MailRecord } from '../../../src/store/records.js';
import type { Store } from '../../../src/store/store.js';
import type { FaultyStore } from '../../../src/testing/faulty-store.js';
import {
  aMail,
  aMembership,
  anAssignment,
  anEmail,
  anInvitation,
  anOrganization,
  aProject,
  aTime,
  aUser,
} from '../../../src/testing/fixtures.js';
import { MemoryMailer } from '../../../src/testing/memory-mailer.js';

const HOUR = 3_600_000;
/** The world's clock: an hour after the seeded rows were made, before any seeded expiry. */
export const NOW = aTime(HOUR);

export interface World {
  orgkit: Orgkit;
  mailer: MemoryMailer;
  logs: OrgkitLogEvent[];
  /** What `onEvent` was handed: events of committed changes only. */
  events: AuditEvent[];
  /** Organization A, where every call acts, and B, which shares a user with it. */
  orgs: { a: string; b: string };
  /** The users by part: `owner`, `admin`, `user` (assigned to project `p`), `disabled`, `shared` (in A and B), `outsider` (owns B only). */
  users: Record<'owner' | 'admin' | 'user' | 'disabled' | 'shared' | 'outsider', { id: string; email: string }>;
  /** Members of A acting there (and `outsider` in B). */
  as: Record<'owner' | 'admin' | 'user' | 'shared' | 'outsider', Actor>;
  projects: { p: string; q: string };
  /** `pending` (to a new address, projects p), `forOutsider` (to B's owner), `lapsed` (pending, expired), `revoked`. */
  invitations: Record<'pending' | 'forOutsider' | 'lapsed' | 'revoked', { id: string; email: string }>;
  tokens: { pending: string; forOutsider: string; emailChange: string };
  /** Addresses no one has, for calls that need a new one. */
  fresh: { ownerEmail: string; inviteeEmail: string; newEmail: string };
  /** Every id, address and token hash above, each with a stable name, for comparing worlds. */
  labels: Map<string, string>;
  /** Moves the world's clock on (it starts at {@link NOW}). */
  advance(ms: number): void;
  /** Inserts a pending outbox mail straight into the store. */
  addPendingMail(mail: MailRecord): Promise<void>;
}

export async function seedWorld(real: Store, store: FaultyStore): Promise<World> {
  const [a, b] = [anOrganization({ name: 'Acme' }), anOrganization({ name: 'Beta' })];
  const parts = ['owner', 'admin', 'user', 'disabled', 'shared', 'outsider'] as const;
  const users = Object.fromEntries(parts.map((part) => [part, aUser({ email: anEmail(part), fullName: part })]));
  const [p, q] = [aProject({ organizationId: a.id, name: 'P' }), aProject({ organizationId: a.id, name: 'Q' })];
  const tokens = { pending: newToken(), forOutsider: newToken(), emailChange: newToken() };
  users.user!.pendingEmail = anEmail('user-next');
  users.user!.pendingEmailTokenHash = hashToken(tokens.emailChange);
  users.user!.pendingEmailExpiresAt = aTime(24 * HOUR);
  const invitations = {
    pending: anInvitation({ organizationId: a.id, projectIds: [p.id], tokenHash: hashToken(tokens.pending) }),
    forOutsider: anInvitation({
      organizationId: a.id,
      email: users.outsider!.email,
      role: 'admin',
      tokenHash: hashToken(tokens.forOutsider),
    }),
    lapsed: anInvitation({ organizationId: a.id, expiresAt: aTime(HOUR / 2) }),
    revoked: anInvitation({ organizationId: a.id, status: 'revoked' }),
  };
  const roles = { owner: 'owner', admin: 'admin', user: 'user', disabled: 'user', shared: 'user' } as const;

  await real.transaction(async (tx) => {
    await tx.insertOrganization(a);
    await tx.insertOrganization(b);
    for (const user of Object.values(users)) await tx.ensureUser(user);
    for (const [part, role] of Object.entries(roles)) {
      const status = part === 'disabled' ? 'disabled' : 'active';
      await tx.insertMembership(aMembership({ organizationId: a.id, userId: users[part]!.id, role, status }));
    }
    await tx.insertMembership(aMembership({ organizationId: b.id, userId: users.shared!.id }));
    await tx.insertMembership(aMembership({ organizationId: b.id, userId: users.outsider!.id, role: 'owner' }));
    await tx.insertProject(p);
    await tx.insertProject(q);
    await tx.assignProject(anAssignment({ organizationId: a.id, projectId: p.id, userId: users.user!.id }));
    for (const invitation of Object.values(invitations)) await tx.insertInvitation(invitation);
  });

  const mailer = new MemoryMailer();
  const logs: OrgkitLogEvent[] = [];
  const events: AuditEvent[] = [];
  let now = NOW;
  const orgkit = createOrgkit({
    store,
    mailer,
    acceptUrl: (token) => `https://app.example/invite/${token}`,
    confirmEmailUrl: (token) => `https://app.example/confirm-email#${token}`,
    clock: () => now,
    log: (event) => {
      logs.push(event);
    },
    onEvent: (event) => {
      events.push(event);
    },
  });
  const byPart = (part: keyof typeof users) => ({ id: users[part]!.id, email: users[part]!.email });
  const actor = (part: keyof typeof users, organizationId = a.id) => ({ userId: users[part]!.id, organizationId });
  const fresh = { ownerEmail: anEmail('new-owner'), inviteeEmail: anEmail('new-invitee'), newEmail: anEmail('moved') };
  const world: World = {
    orgkit,
    mailer,
    logs,
    events,
    orgs: { a: a.id, b: b.id },
    users: Object.fromEntries(parts.map((part) => [part, byPart(part)])) as World['users'],
    as: {
      owner: actor('owner'),
      admin: actor('admin'),
      user: actor('user'),
      shared: actor('shared'),
      outsider: actor('outsider', b.id),
    },
    projects: { p: p.id, q: q.id },
    invitations: Object.fromEntries(
      Object.entries(invitations).map(([name, { id, email }]) => [name, { id, email }]),
    ) as World['invitations'],
    tokens,
    fresh,
    labels: new Map(),
    advance(ms) {
      now = new Date(now.getTime() + ms);
    },
    async addPendingMail(mail) {
      await real.insertMail(mail);
      world.labels.set(mail.id, 'mail:seeded');
    },
  };
  const label = (value: string, name: string) => world.labels.set(value, name);
  label(a.id, 'org:a');
  label(b.id, 'org:b');
  for (const part of parts) {
    label(users[part]!.id, `user:${part}`);
    label(users[part]!.email, `email:${part}`);
  }
  label(users.user!.pendingEmail!, 'email:user-next');
  label(p.id, 'project:p');
  label(q.id, 'project:q');
  for (const [name, invitation] of Object.entries(invitations)) {
    label(invitation.id, `invitation:${name}`);
    label(invitation.email, `email:invitation-${name}`);
  }
  for (const [name, email] of Object.entries(fresh)) label(email, `email:${name}`);
  for (const [name, token] of Object.entries(tokens)) label(hashToken(token), `hash:${name}`);
  for (const [name, invitation] of Object.entries(invitations)) {
    if (!world.labels.has(invitation.tokenHash)) label(invitation.tokenHash, `hash:${name}`);
  }
  return world;
}

/** A pending mail of the seeded world, for `deliverPendingMail` to find. */
export function pendingMailOf(
  world: World,
  kind: 'invitation' | 'revoked-invitation' | 'email-change' | 'email-changed',
): MailRecord {
  const base = { attempts: 1, lastError: 'Error', createdAt: NOW, updatedAt: NOW };
  switch (kind) {
    case 'invitation':
    case 'revoked-invitation': {
      const invitation = world.invitations[kind === 'invitation' ? 'pending' : 'revoked'];
      return aMail({ ...base, organizationId: world.orgs.a, invitationId: invitation.id, to: invitation.email });
    }
    case 'email-change':
      return aMail({ ...base, kind, userId: world.users.user.id, to: labelled(world, 'email:user-next') });
    case 'email-changed':
      return aMail({ ...base, kind, userId: world.users.shared.id, to: anEmail('old-address') });
  }
}

function labelled(world: World, name: string): string {
  for (const [value, label] of world.labels) if (label === name) return value;
  throw new Error(`no ${name} in this world`);
}
