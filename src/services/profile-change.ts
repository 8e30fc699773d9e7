/**
 * A member's profile (full name, timezone, email) belongs to the user, and
 * every organization they belong to sees the same one. So an organization
 * edits a profile only while the user belongs to it alone, a user may always
 * edit their own (audited in each of their organizations), and an email
 * changes only once the new address confirms it: a pending change is all a
 * request makes, and it lets no one receive another address's mail.
 */
import { OrgkitError } from '../errors.js';
import type { AuditChanges, MailRecord, MemberRecord } from '../store/records.js';
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

/**
 * Applies the profile part of `members.update` inside its transaction, and
 * records the call's `member.updated` events: in the actor's organization
 * with `roleChanges` (what the caller changed there already), and, for a
 * user changing their own profile, in each of their other organizations.
 * `token` is the confirmation token to use if the email changes. Answers
 * whether anything changed, and the confirmation mail to send after commit.
 */
export async function changeProfile(
  context: ServiceContext,
  tx: StoreTx,
  audit: AuditTrail,
  change: {
    actor: ResolvedActor;
    target: MemberRecord;
    patch: ProfilePatch;
    roleChanges: AuditChanges;
    token: string;
    now: Date;
  },
): Promise<{ changed: boolean; mail: MailRecord | null }> {
  const { actor, target, patch, roleChanges, token, now } = change;
  const userId = target.userId;
  const changes = diff(target, { ...target, ...withoutEmail(patch) }, ['fullName', 'timezone']);
  const profileChanged = Object.keys(changes).length > 0;
  const pending = livePendingEmail(target, now);
  const emailChange =
    patch.email === undefined
      ? undefined
      : patch.email === target.email
        ? pending === null
          ? undefined
          : null
        : patch.email;

  let auditedIn = [actor.organizationId];
  if (profileChanged || emailChange !== undefined) {
    // Taken before the membership count, so no organization can add the user until this commits.
    await tx.lockUser(userId);
    const organizations = (await tx.listMembershipsOfUser(userId)).map(({ organization }) => organization.id);
    const self = userId === actor.userId;
    if (!self && organizations.length > 1) {
      throw forbidden({ reason: 'PROFILE_SHARED_WITH_OTHER_ORGANIZATION', role: actor.role });
    }
    // Only the user's own change reaches their other organizations; an organization edits one it alone holds.
    if (self) auditedIn = organizations;
  }
  const record = (organizationId: string, action: AuditAction, eventChanges: AuditChanges) => {
    if (Object.keys(eventChanges).length === 0) return;
    const target = { targetType: 'member', targetId: userId } as const;
    audit.record({ organizationId, actorId: actor.userId, action, target, changes: eventChanges, at: now });
  };

  if (profileChanged) await tx.updateUser(userId, { ...withoutEmail(patch), updatedAt: now });
  for (const organizationId of auditedIn) {
    record(
      organizationId,
      'member.updated',
      organizationId === actor.organizationId ? { ...roleChanges, ...changes } : changes,
    );
  }
  const changed = profileChanged || Object.keys(roleChanges).length > 0 || emailChange !== undefined;
  if (emailChange === undefined) return { changed, mail: null };

  // A new request replaces the one before; its unsent mail would carry a link that no longer works.
  await tx.cancelPendingMail({ userId, kind: 'email-change' }, now);
  const pendingChange = { pendingEmail: { before: pending, after: emailChange } };
  if (emailChange === null) {
    await tx.updateUser(userId, {
      pendingEmail: null,
      pendingEmailTokenHash: null,
      pendingEmailExpiresAt: null,
      updatedAt: now,
    });
    for (const organizationId of auditedIn) record(organizationId, 'member.email_change_cancelled', pendingChange);
    return { changed, mail: null };
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
  for (const organizationId of auditedIn) record(organizationId, 'member.email_change_requested', pendingChange);
  return { changed, mail };
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
    claimedUntil: null,
  };
}
