/**
 * A member's profile (full name, timezone, email) belongs to the user, and
 * every organization they belong to sees the same one. So an organization
 * edits a profile only while the user belongs to it alone, a user may always
 * edit their own (audited in each of their organizations), and an email
 * changes only once the new address confirms it: a pending change is all a
 * request makes, and it lets no one receive another address's mail.
 */
import { OrgkitError } from '../errors.js';
import type { MailRecord, MemberRecord } from '../store/records.js';
import type { StoreTx } from '../store/store.js';
import { type AuditAction, type AuditTrail, diff } from './audit-trail.js';
import { forbidden, type ResolvedActor } from './authorization.js';
import { mutate, type ServiceContext } from './context.js';
import { newId } from './ids.js';
import { hashToken, tokenMatches } from './tokens.js';
import { livePendingEmail } from './views.js';

export interface ProfilePatch {
  fullName?: string;
  timezone?: string;
  email?: string;
}

/** What a profile change leaves to do after commit: the confirmation mail of an email change. */
export interface ProfileOutcome {
  changed: boolean;
  mail: MailRecord | null;
}

/**
 * Applies the profile part of `members.update` inside its transaction.
 * `token` is the confirmation token to use if the email changes.
 */
export async function changeProfile(
  context: ServiceContext,
  tx: StoreTx,
  audit: AuditTrail,
  change: { actor: ResolvedActor; target: MemberRecord; patch: ProfilePatch; token: string; now: Date },
): Promise<ProfileOutcome> {
  const { actor, target, patch, token, now } = change;
  const userId = target.userId;
  const changes = diff(target, { ...target, ...withoutEmail(patch) }, ['fullName', 'timezone']);
  const pending = livePendingEmail(target, now);
  const emailChange =
    patch.email === undefined
      ? undefined
      : patch.email === target.email
        ? pending === null
          ? undefined
          : null
        : patch.email;
  if (Object.keys(changes).length === 0 && emailChange === undefined) return { changed: false, mail: null };

  // Taken before the membership count, so no organization can add the user until this commits.
  await tx.lockUser(userId);
  const organizations = (await tx.listMembershipsOfUser(userId)).map(({ organization }) => organization.id);
  const self = userId === actor.userId;
  if (!self && organizations.length > 1) {
    throw forbidden({ reason: 'PROFILE_SHARED_WITH_OTHER_ORGANIZATION', role: actor.role });
  }
  // Only the user's own change reaches their other organizations; an organization edits one it alone holds.
  const auditedIn = self ? organizations : [actor.organizationId];
  const record = (action: AuditAction, eventChanges: typeof changes) => {
    for (const organizationId of auditedIn) {
      audit.record({
        organizationId,
        actorId: actor.userId,
        action,
        target: { targetType: 'member', targetId: userId },
        changes: eventChanges,
        at: now,
      });
    }
  };

  if (Object.keys(changes).length > 0) {
    await tx.updateUser(userId, { ...withoutEmail(patch), updatedAt: now });
    record('member.updated', changes);
  }
  if (emailChange === undefined) return { changed: true, mail: null };

  // A new request replaces the one before; its unsent mail would carry a link that no longer works.
  await tx.cancelPendingMail({ userId, kind: 'email-change' }, now);
  const pendingChange = { before: pending, after: emailChange };
  if (emailChange === null) {
    await tx.updateUser(userId, {
      pendingEmail: null,
      pendingEmailTokenHash: null,
      pendingEmailExpiresAt: null,
      updatedAt: now,
    });
    record('member.email_change_cancelled', { pendingEmail: pendingChange });
    return { changed: true, mail: null };
  }
  await tx.updateUser(userId, {
    pendingEmail: emailChange,
    pendingEmailTokenHash: hashToken(token),
    pendingEmailExpiresAt: new Date(now.getTime() + context.emailChangeTtlMs),
    updatedAt: now,
  });
  // Whether or not another user has the address, the request looks the same: a mail to it, nothing else.
  const mail = userMail(userId, 'email-change', emailChange, now);
  await tx.insertMail(mail);
  record('member.email_change_requested', { pendingEmail: pendingChange });
  return { changed: true, mail };
}

/**
 * Confirms an email change with the token mailed to the new address: the
 * address becomes the user's, the old one is told, and each organization of
 * the user records the change.
 */
export async function confirmEmailChange(
  context: ServiceContext,
  token: string,
): Promise<{ userId: string; email: string; notice: MailRecord }> {
  const tokenHash = hashToken(token);
  const now = context.clock();
  return mutate(context, async (tx, audit) => {
    const user = await tx.findUserByPendingEmailTokenHash(tokenHash);
    if (user === null || user.pendingEmailTokenHash === null || !tokenMatches(token, user.pendingEmailTokenHash)) {
      throw new OrgkitError({ code: 'INVITATION_INVALID', message: 'This confirmation link is not valid.' });
    }
    if (user.pendingEmailExpiresAt === null || user.pendingEmailExpiresAt.getTime() <= now.getTime()) {
      throw new OrgkitError({ code: 'INVITATION_EXPIRED', message: 'This confirmation link has expired.' });
    }
    await tx.lockUser(user.id);
    // Compare-and-set: of two racing confirmations, one moves the address.
    const confirmed = await tx.confirmPendingEmail(user.id, tokenHash, now);
    if (confirmed === null) {
      throw new OrgkitError({ code: 'INVITATION_INVALID', message: 'This confirmation link is not valid.' });
    }
    await tx.cancelPendingMail({ userId: user.id, kind: 'email-change' }, now);
    const notice = userMail(user.id, 'email-changed', user.email, now);
    await tx.insertMail(notice);
    for (const { organization } of await tx.listMembershipsOfUser(user.id)) {
      audit.record({
        organizationId: organization.id,
        actorId: user.id,
        action: 'member.updated',
        target: { targetType: 'member', targetId: user.id },
        changes: { email: { before: user.email, after: confirmed.email } },
        at: now,
      });
    }
    return { userId: user.id, email: confirmed.email, notice };
  });
}

function withoutEmail(patch: ProfilePatch): Omit<ProfilePatch, 'email'> {
  const { email: _email, ...rest } = patch;
  return rest;
}

function userMail(userId: string, kind: 'email-change' | 'email-changed', to: string, now: Date): MailRecord {
  return {
    id: newId(),
    kind,
    organizationId: null,
    invitationId: null,
    userId,
    to,
    status: 'pending',
    attempts: 0,
    lastError: null,
    createdAt: now,
    updatedAt: now,
    sentAt: null,
  };
}
