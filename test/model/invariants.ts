/**
 * Rules that must hold of the real store after every step, whatever the
 * model says: each is checked on what orgkit answered and what the store
 * holds, so a model that shares a mistake with the services still fails.
 */
import type { AuditEvent } from '../../src/services/views.js';
import type { Outcome, View } from './model.js';
import type { Op } from './ops.js';

export interface Call {
  op: Op;
  outcome: Outcome;
  /** Whether the op presented a token that had already worked. */
  replayedToken: boolean;
}

export interface Step {
  /** One call, or two that ran at once. */
  calls: Call[];
  /** The store before and after the step, and each organization's trail after it. */
  before: View;
  after: View;
  trails: Map<string, AuditEvent[]>;
  /** Real user id → model key. */
  keys: Map<string, string>;
}

export function checkInvariants(step: Step): string[] {
  const problems: string[] = [];
  const { calls, before, after } = step;
  const memberIn = (v: View, org: string, user: string) =>
    v.orgs.find((o) => o.key === org)?.members.find((mb) => mb.user === user);

  for (const o of after.orgs) {
    if (!o.members.some((mb) => mb.role === 'owner' && mb.status === 'active')) {
      problems.push(`${o.key} has no active owner`);
    }
    const projects = new Set(o.projects.map((p) => p.key));
    for (const mb of o.members) {
      for (const p of mb.projects) if (!projects.has(p)) problems.push(`${mb.user} is assigned ${p}, not of ${o.key}`);
    }
  }

  // A disabled member is refused every call, unless a call beside it may have enabled them first.
  const enabling = calls.length > 1 && calls.some(({ op }) => op.kind === 'setStatus');
  for (const { op, outcome, replayedToken } of calls) {
    const disabled = 'actor' in op && memberIn(before, op.actor.org, op.actor.user)?.status === 'disabled';
    const refusedAsDisabled =
      !outcome.ok && (outcome.reason === 'MEMBER_DISABLED' || outcome.code === 'VALIDATION_FAILED');
    // Beside another call (a removal, a deletion), the refusal may come for another reason, but it comes.
    if (disabled && !enabling && (outcome.ok || (calls.length === 1 && !refusedAsDisabled))) {
      problems.push(`disabled ${op.actor.user} was not refused: ${JSON.stringify(outcome)}`);
    }
    if (replayedToken && outcome.ok) problems.push(`a token worked a second time: ${op.kind}`);
  }

  // No admin grants the owner role or acts on an owner: read from the trail, not from the model.
  for (const o of after.orgs) {
    const was = before.orgs.find((b) => b.key === o.key);
    const fresh = (step.trails.get(o.key) ?? []).slice(0, Math.max(0, o.audit - (was?.audit ?? 0)));
    for (const event of fresh) {
      const actorKey = event.actorId === null ? undefined : step.keys.get(event.actorId);
      if (actorKey === undefined || memberIn(before, o.key, actorKey)?.role !== 'admin') continue;
      if (touchesOwner(event, (user) => memberIn(before, o.key, user)?.role === 'owner', step.keys)) {
        problems.push(`admin ${actorKey} touched an owner: ${event.action} ${JSON.stringify(event.changes)}`);
      }
    }
  }

  // A profile is the user's: in every organization the same, and changed while shared only by the user.
  const profiles = new Map<string, { profile: string; orgs: number }>();
  const profileOf = (mb: View['orgs'][number]['members'][number]) =>
    JSON.stringify([mb.email, mb.fullName, mb.timezone, mb.pendingEmail]);
  for (const o of after.orgs) {
    for (const mb of o.members) {
      const seen = profiles.get(mb.user);
      if (seen !== undefined && seen.profile !== profileOf(mb)) problems.push(`${mb.user} shows two profiles`);
      profiles.set(mb.user, { profile: profileOf(mb), orgs: (seen?.orgs ?? 0) + 1 });
    }
  }
  const byUsers = calls.map(({ op }) => (op.kind === 'confirmEmail' ? op.user : 'actor' in op ? op.actor.user : ''));
  for (const o of before.orgs) {
    for (const mb of o.members) {
      const shared = before.orgs.filter((b) => b.members.some((other) => other.user === mb.user)).length > 1;
      const now = memberIn(after, o.key, mb.user);
      // A pending email lapsing with the clock is no one's change.
      const changed =
        JSON.stringify([now?.email, now?.fullName, now?.timezone]) !==
        JSON.stringify([mb.email, mb.fullName, mb.timezone]);
      const newPending = now !== undefined && now.pendingEmail !== null && now.pendingEmail !== mb.pendingEmail;
      if (shared && now !== undefined && (changed || newPending) && !byUsers.includes(mb.user)) {
        problems.push(`${mb.user}, shared between organizations, had their profile changed by ${byUsers}`);
      }
    }
  }
  return problems;
}

function touchesOwner(event: AuditEvent, wasOwner: (user: string) => boolean, keys: Map<string, string>): boolean {
  const changes = event.changes as Record<string, { before?: unknown; after?: unknown } | undefined>;
  if (changes.role?.after === 'owner' || changes.role?.before === 'owner') return true;
  const target = event.targetType === 'member' ? event.targetId : (changes.userId?.after ?? changes.userId?.before);
  return typeof target === 'string' && keys.has(target) && wasOwner(keys.get(target)!);
}
