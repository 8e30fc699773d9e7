/**
 * Every public service call, once per path through the store that matters
 * (a new or an existing user, one organization or two, a mail or none), as
 * a call on a freshly seeded world. The fault suite fails each store call
 * of each case in turn.
 */
import type { Orgkit } from '../../../src/index.js';
import { pendingMailOf, type World } from './fault-world.js';

export interface FaultCase {
  name: string;
  /** Healthy setup beyond the seed. */
  arrange?: (world: World) => Promise<void>;
  /** The call. It must fail with the injected error, or succeed. */
  act: (world: World) => Promise<unknown>;
}

const mutations: FaultCase[] = [
  {
    name: 'organizations.create (new user)',
    act: (w) => w.orgkit.organizations.create({ name: 'New', owner: { email: w.fresh.ownerEmail, fullName: 'N' } }),
  },
  {
    name: 'organizations.create (existing user, host id)',
    act: (w) =>
      w.orgkit.organizations.create({
        name: 'New',
        owner: { userId: w.users.shared.id, email: w.users.shared.email, fullName: 'S' },
      }),
  },
  {
    name: 'organizations.update',
    act: (w) => w.orgkit.organizations.update(w.as.owner, { name: 'Renamed', settings: { locale: 'de' } }),
  },
  { name: 'organizations.delete', act: (w) => w.orgkit.organizations.delete(w.as.owner) },
  {
    name: 'members.update (role)',
    act: (w) => w.orgkit.members.update(w.as.owner, w.users.user.id, { role: 'admin' }),
  },
  {
    name: 'members.update (profile by an admin)',
    act: (w) => w.orgkit.members.update(w.as.admin, w.users.user.id, { fullName: 'Renamed', timezone: 'Asia/Tokyo' }),
  },
  {
    name: 'members.update (own profile, two organizations)',
    act: (w) => w.orgkit.members.update(w.as.shared, w.users.shared.id, { fullName: 'Renamed' }),
  },
  {
    name: 'members.update (own email, two organizations)',
    act: (w) => w.orgkit.members.update(w.as.shared, w.users.shared.id, { email: w.fresh.newEmail }),
  },
  {
    name: 'members.update (withdraw a pending email change)',
    act: (w) => w.orgkit.members.update(w.as.user, w.users.user.id, { email: w.users.user.email }),
  },
  { name: 'members.confirmEmail', act: (w) => w.orgkit.members.confirmEmail({ token: w.tokens.emailChange }) },
  {
    name: 'members.setStatus (disable)',
    act: (w) => w.orgkit.members.setStatus(w.as.admin, w.users.user.id, 'disabled'),
  },
  {
    name: 'members.setStatus (enable)',
    act: (w) => w.orgkit.members.setStatus(w.as.owner, w.users.disabled.id, 'active'),
  },
  { name: 'members.remove', act: (w) => w.orgkit.members.remove(w.as.admin, w.users.user.id) },
  { name: 'members.remove (leave)', act: (w) => w.orgkit.members.remove(w.as.shared, w.users.shared.id) },
  {
    name: 'invitations.create',
    act: (w) =>
      w.orgkit.invitations.create(w.as.admin, {
        email: w.fresh.inviteeEmail,
        role: 'user',
        projectIds: [w.projects.p, w.projects.q],
      }),
  },
  {
    name: 'invitations.create (replacing a lapsed one)',
    act: (w) => w.orgkit.invitations.create(w.as.owner, { email: w.invitations.lapsed.email, role: 'admin' }),
  },
  {
    name: 'invitations.accept (new user, projects)',
    act: (w) => w.orgkit.invitations.accept({ token: w.tokens.pending, fullName: 'Ivy', timezone: 'Europe/Paris' }),
  },
  {
    name: 'invitations.accept (existing user, host id)',
    act: (w) =>
      w.orgkit.invitations.accept({ token: w.tokens.forOutsider, fullName: 'O', userId: w.users.outsider.id }),
  },
  { name: 'invitations.revoke', act: (w) => w.orgkit.invitations.revoke(w.as.admin, w.invitations.pending.id) },
  { name: 'invitations.resend', act: (w) => w.orgkit.invitations.resend(w.as.owner, w.invitations.pending.id) },
  { name: 'projects.create', act: (w) => w.orgkit.projects.create(w.as.admin, { name: 'New' }) },
  { name: 'projects.rename', act: (w) => w.orgkit.projects.rename(w.as.admin, w.projects.p, 'Renamed') },
  { name: 'projects.delete', act: (w) => w.orgkit.projects.delete(w.as.owner, w.projects.p) },
  { name: 'projects.assign', act: (w) => w.orgkit.projects.assign(w.as.admin, w.projects.q, w.users.user.id) },
  { name: 'projects.unassign', act: (w) => w.orgkit.projects.unassign(w.as.admin, w.projects.p, w.users.user.id) },
];

/**
 * `deliverPendingMail` never rejects for one mail: a store failure counts
 * it as failed and goes to `log`. The case turns that back into the
 * injected error, so the suite can hold it to the same rule.
 */
async function deliverOne(world: World): Promise<unknown> {
  const report = await world.orgkit.deliverPendingMail();
  if (report.failed > 0) throw world.logs.findLast((event) => event.source === 'mail')?.error;
  return report;
}

const deliveries: FaultCase[] = (['invitation', 'revoked-invitation', 'email-change', 'email-changed'] as const).map(
  (kind) => ({
    name: `deliverPendingMail (${kind} mail)`,
    arrange: (w) => w.addPendingMail(pendingMailOf(w, kind)),
    act: deliverOne,
  }),
);

const read = (name: string, act: (orgkit: Orgkit, w: World) => Promise<unknown>): FaultCase => ({
  name,
  act: (w) => act(w.orgkit, w),
});

/** Reads change nothing; what matters is that a store failure reaches the caller, not a wrong answer. */
const reads: FaultCase[] = [
  read('organizations.get', (o, w) => o.organizations.get(w.as.user)),
  read('organizations.listForUser', (o, w) => o.organizations.listForUser(w.users.shared.id)),
  read('members.list', (o, w) => o.members.list(w.as.admin, { search: 'user' })),
  read('members.get', (o, w) => o.members.get(w.as.admin, w.users.user.id)),
  read('invitations.list', (o, w) => o.invitations.list(w.as.admin, { status: 'pending' })),
  read('invitations.preview', (o, w) => o.invitations.preview(w.tokens.pending)),
  read('projects.list', (o, w) => o.projects.list(w.as.user)),
  read('projects.get', (o, w) => o.projects.get(w.as.user, w.projects.p)),
  read('audit.list', (o, w) => o.audit.list(w.as.owner)),
  read('authorize', (o, w) => o.authorize(w.as.user, 'bots:update', { projectId: w.projects.p })),
  read('can', (o, w) => o.can(w.as.user, 'members:read')),
];

export const FAULT_CASES: FaultCase[] = [...mutations, ...deliveries, ...reads];
