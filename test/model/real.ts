/**
 * The real side of the model-based test: runs an `Op` through the public
 * API of one orgkit, keeps the map between model keys and real ids, picks
 * the tokens out of the mail the `MemoryMailer` received, and reads back
 * what the store holds as a `View` in model keys.
 */
import { isOrgkitError } from '../../src/errors.js';
import type { Actor } from '../../src/index.js';
import type { AuditEvent } from '../../src/services/views.js';
import type { Harness } from '../support/harness.js';
import type { ActorRef, Outcome, Role, Status, View } from './model.js';
import type { Op } from './ops.js';

export interface Real {
  h: Harness;
  /** Model key → real id, and back. */
  ids: Map<string, string>;
  keys: Map<string, string>;
  /** The links mailed for each invitation (by `gen`) and each user's email changes (by link number). */
  invitationTokens: Map<string, string[]>;
  emailTokens: Map<string, string[]>;
  /** Tokens that have worked once: they must never work again. */
  usedTokens: Set<string>;
  mailsSeen: number;
  ghostId: string;
}

export function newReal(h: Harness, run: string): Real {
  return {
    h,
    ids: new Map(),
    keys: new Map(),
    invitationTokens: new Map(),
    emailTokens: new Map(),
    usedTokens: new Set(),
    mailsSeen: h.mailer.sent.length,
    ghostId: `ghost-${run}`,
  };
}

export function bind(real: Real, key: string, id: string): void {
  real.ids.set(key, id);
  real.keys.set(id, key);
}

const id = (real: Real, key: string): string => {
  const found = real.ids.get(key);
  if (found === undefined) throw new Error(`model-based test: no real id for ${key}`);
  return found;
};
const actor = (real: Real, ref: ActorRef): Actor => ({
  organizationId: id(real, ref.org),
  userId: real.ids.get(ref.user) ?? real.ghostId,
});
/** A real user id in model terms: its key, or `new:<id>` for a user the model has not bound yet. */
const userKey = (real: Real, userId: string): string => real.keys.get(userId) ?? `new:${userId}`;

/** The token an op presents, if it presents one. */
export function tokenOf(real: Real, op: Op): string | undefined {
  if (op.kind === 'accept' || op.kind === 'preview') return real.invitationTokens.get(op.invitation)?.[op.gen];
  if (op.kind === 'confirmEmail') return real.emailTokens.get(op.user)?.[op.gen];
  return undefined;
}

/** Runs `op`; an `OrgkitError` becomes a refusal, anything else fails the test. */
export async function execute(real: Real, op: Op): Promise<Outcome> {
  try {
    return { ok: true, ...withValue(await call(real, op)) };
  } catch (error) {
    if (!isOrgkitError(error)) throw error;
    const reason = (error.details as { reason?: string } | undefined)?.reason;
    return reason === undefined ? { ok: false, code: error.code } : { ok: false, code: error.code, reason };
  }
}

const withValue = (value: unknown) => (value === undefined ? {} : { value });

async function call(real: Real, op: Op): Promise<unknown> {
  const { orgkit } = real.h;
  switch (op.kind) {
    case 'createOrganization': {
      const owner = { email: op.email, fullName: op.fullName, timezone: 'UTC' };
      const created = await orgkit.organizations.create({ name: op.name, owner });
      bind(real, op.key, created.organization.id);
      return { user: userKey(real, created.owner.userId) };
    }
    case 'renameOrganization':
      await orgkit.organizations.update(actor(real, op.actor), { name: op.name });
      return;
    case 'deleteOrganization':
      await orgkit.organizations.delete(actor(real, op.actor));
      return;
    case 'invite': {
      const projectIds = op.projects.map((p) => id(real, p));
      const invitation = await orgkit.invitations.create(actor(real, op.actor), {
        email: op.email,
        role: op.role,
        projectIds,
      });
      bind(real, op.key, invitation.id);
      return;
    }
    case 'accept': {
      const token = tokenOf(real, op) ?? 'no-such-token-was-mailed';
      const input = { token, fullName: op.fullName, ...(op.timezone === undefined ? {} : { timezone: op.timezone }) };
      const { member } = await orgkit.invitations.accept(input);
      return { user: userKey(real, member.userId) };
    }
    case 'preview': {
      const { organizationName, email, role } = await orgkit.invitations.preview(
        tokenOf(real, op) ?? 'no-such-token-was-mailed',
      );
      return { organization: organizationName, email, role };
    }
    case 'resend':
      await orgkit.invitations.resend(actor(real, op.actor), id(real, op.invitation));
      return;
    case 'revoke':
      await orgkit.invitations.revoke(actor(real, op.actor), id(real, op.invitation));
      return;
    case 'update': {
      const { kind: _kind, actor: by, target, ...patch } = op;
      await orgkit.members.update(actor(real, by), real.ids.get(target) ?? real.ghostId, patch);
      return;
    }
    case 'confirmEmail':
      await orgkit.members.confirmEmail({ token: tokenOf(real, op) ?? 'no-such-token-was-mailed' });
      return;
    case 'setStatus':
      await orgkit.members.setStatus(actor(real, op.actor), real.ids.get(op.target) ?? real.ghostId, op.status);
      return;
    case 'remove':
      await orgkit.members.remove(actor(real, op.actor), real.ids.get(op.target) ?? real.ghostId);
      return;
    case 'createProject': {
      const project = await orgkit.projects.create(actor(real, op.actor), { name: op.name });
      bind(real, op.key, project.id);
      return;
    }
    case 'renameProject':
      await orgkit.projects.rename(actor(real, op.actor), id(real, op.project), op.name);
      return;
    case 'deleteProject':
      await orgkit.projects.delete(actor(real, op.actor), id(real, op.project));
      return;
    case 'getProject': {
      const project = await orgkit.projects.get(actor(real, op.actor), id(real, op.project));
      return { project: real.keys.get(project.id) };
    }
    case 'assign':
    case 'unassign': {
      const by = actor(real, op.actor);
      const target = real.ids.get(op.target) ?? real.ghostId;
      await orgkit.projects[op.kind](by, id(real, op.project), target);
      return;
    }
    case 'read':
      return read(real, op.what, actor(real, op.actor));
    case 'advance':
      real.h.advance(op.ms);
      return;
  }
}

async function read(real: Real, what: Extract<Op, { kind: 'read' }>['what'], by: Actor): Promise<unknown> {
  const { orgkit } = real.h;
  switch (what) {
    case 'organization':
      return { name: (await orgkit.organizations.get(by)).name };
    case 'self': {
      const me = await orgkit.members.get(by, by.userId);
      return { role: me.role, status: me.status };
    }
    case 'members': {
      const { items } = await orgkit.members.list(by, { limit: 200 });
      return { users: items.map((member) => userKey(real, member.userId)).sort() };
    }
    case 'projects':
      return { projects: (await orgkit.projects.list(by)).map((p) => real.keys.get(p.id) ?? p.id).sort() };
    case 'audit':
      await orgkit.audit.list(by);
      return;
  }
}

/** Picks the links out of the mail sent since the last look. */
export function collectTokens(real: Real): void {
  const sent = real.h.mailer.sent;
  for (; real.mailsSeen < sent.length; real.mailsSeen += 1) {
    const mail = sent[real.mailsSeen]!;
    if (mail.kind === 'email-changed') continue;
    const [owner, link, tokens] =
      mail.kind === 'invitation'
        ? [mail.invitationId, mail.acceptUrl, real.invitationTokens]
        : [mail.userId, mail.confirmUrl, real.emailTokens];
    const key = real.keys.get(owner);
    if (key === undefined) continue; // another run's mail
    const list = tokens.get(key) ?? [];
    list.push(link.split(/[/#]/).at(-1)!);
    tokens.set(key, list);
  }
}

/** The real store as a `View` (and each organization's trail, newest first), for the model's organizations. */
export async function snapshot(
  real: Real,
  orgKeys: string[],
): Promise<{ view: View; trails: Map<string, AuditEvent[]> }> {
  const { store, orgkit } = real.h;
  const now = real.h.now().getTime();
  const trails = new Map<string, AuditEvent[]>();
  const orgs: View['orgs'] = [];
  for (const key of orgKeys) {
    const organizationId = id(real, key);
    const organization = await store.getOrganization(organizationId);
    if (organization === null) continue;
    const members = await store.listMembers({ organizationId, limit: 1000 });
    const projects = await store.listProjects(organizationId);
    const invitations = await store.listInvitations({ organizationId, now: new Date(now), limit: 1000 });
    // The trail through the public API, as an active owner reads it.
    const reader = members.find((mb) => mb.role === 'owner' && mb.status === 'active');
    const trail: AuditEvent[] = [];
    if (reader !== undefined) {
      let cursor: string | undefined;
      do {
        const page = await orgkit.audit.list({ organizationId, userId: reader.userId }, { limit: 200, cursor });
        trail.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined);
    }
    trails.set(key, trail);
    orgs.push({
      key,
      name: organization.name,
      members: members
        .map((mb) => ({
          user: userKey(real, mb.userId),
          role: mb.role as Role,
          status: mb.status as Status,
          projects: mb.projectIds.map((p) => real.keys.get(p) ?? `?${p}`).sort(),
          email: mb.email,
          fullName: mb.fullName,
          timezone: mb.timezone,
          pendingEmail:
            mb.pendingEmailExpiresAt !== null && mb.pendingEmailExpiresAt.getTime() > now ? mb.pendingEmail : null,
        }))
        .sort((a, b) => a.user.localeCompare(b.user)),
      projects: projects
        .map((p) => ({ key: real.keys.get(p.id) ?? `?${p.id}`, name: p.name }))
        .sort((a, b) => a.key.localeCompare(b.key)),
      invitations: invitations
        .map((i) => ({
          key: real.keys.get(i.id) ?? `?${i.id}`,
          email: i.email,
          role: i.role as Role,
          status: i.status === 'pending' && i.expiresAt.getTime() <= now ? 'expired' : i.status,
        }))
        .sort((a, b) => a.key.localeCompare(b.key)),
      audit: trail.length,
    });
  }
  return { view: { orgs }, trails };
}
