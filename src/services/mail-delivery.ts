/**
 * Delivery from the transactional outbox. A mail row commits with the change
 * that needs it; sending happens after commit, so a mailer failure can only
 * leave a mail pending, never lose the change or fail the call that made it.
 *
 * The outbox keeps no token. The first attempt uses the token minted with
 * the change; a retry mints a new one (the old link stops working, as with
 * `resend`), so tokens never rest in plain text anywhere.
 */
import { renderEmailChangedMail, renderEmailChangeMail } from '../mail/email-change-mail.js';
import { renderInvitationMail } from '../mail/invitation-mail.js';
import type { OrgkitMail } from '../mail/mailer.js';
import type { InvitationRecord, MailRecord, OrganizationRecord } from '../store/records.js';
import type { StoreTx } from '../store/store.js';
import type { AuditTrail } from './audit-trail.js';
import { mutate, type ServiceContext } from './context.js';
import { hashToken, newToken, tokenMatches } from './tokens.js';

/** What one `deliverPendingMail()` run did. */
export interface DeliveryReport {
  /** Handed to the mailer. */
  sent: number;
  /** Still pending: the mailer rejected it or timed out, or the store failed (see `log`). */
  failed: number;
  /** Dropped: what it was for is gone (accepted, revoked, replaced, expired). */
  cancelled: number;
}

type DeliveryOutcome = 'sent' | 'failed' | 'cancelled' | 'skipped';
type Prepared = OrgkitMail | 'cancelled' | 'skipped';

/** The serialization key of what a mail is for: its invitation, or its user's email change. */
export function mailKey(mail: MailRecord): string {
  return mail.invitationId !== null ? `invitation:${mail.invitationId}` : `user:${mail.userId}`;
}

/** Time past the mailer's own timeout for a deliverer to record how its attempt went. */
const CLAIM_MARGIN_MS = 60_000;

/** Until when a claim made at `now` keeps other deliverers off the mail. */
export function claimUntil(context: ServiceContext, now: Date): Date {
  return new Date(now.getTime() + context.mailTimeoutMs + CLAIM_MARGIN_MS);
}

/**
 * Sends a mail right after the transaction that wrote it committed, with the
 * token minted there. Never throws: whatever goes wrong leaves the mail
 * pending and goes to `log`.
 */
export async function deliverAfterCommit(context: ServiceContext, mail: MailRecord, token?: string): Promise<void> {
  await deliverMail(context, mail, token);
}

/**
 * `mail` as the transaction that writes it inserts it: already claimed for
 * its first attempt, so that sending after commit needs no transaction of its
 * own. Should the process stop before it records the outcome, the claim
 * lapses and `deliverPendingMail()` sends the mail then, with a new link.
 */
export function claimedForFirstAttempt(context: ServiceContext, mail: MailRecord): MailRecord {
  return { ...mail, attempts: mail.attempts + 1, claimedUntil: claimUntil(context, mail.updatedAt) };
}

/** Sends a mail claimed and rendered by the transaction that committed it (see `claimedForFirstAttempt`). Never throws. */
export async function sendClaimedMail(context: ServiceContext, mail: MailRecord, rendered: OrgkitMail): Promise<void> {
  await sendAndRecord(context, mail, rendered);
}

/** Retries every pending mail once, oldest first. Safe to run from several processes at once. */
export async function deliverPendingMail(context: ServiceContext, limit: number): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, failed: 0, cancelled: 0 };
  for (const mail of await context.store.listPendingMail(limit, context.clock())) {
    // In turn with resends and email changes of the same thing, so links go out in the order they were made.
    const outcome = await context.queue.run(mailKey(mail), () => deliverMail(context, mail));
    if (outcome !== 'skipped') report[outcome] += 1;
  }
  return report;
}

/** One delivery attempt of one mail. */
async function deliverMail(context: ServiceContext, mail: MailRecord, token?: string): Promise<DeliveryOutcome> {
  const fail = (error: unknown) => context.log({ level: 'error', source: 'mail', mailId: mail.id, error });
  let prepared: Prepared;
  try {
    prepared = await mutate(context, (tx, audit) => claimAndRender(context, tx, audit, mail, token));
  } catch (error) {
    fail(error);
    return 'failed';
  }
  if (typeof prepared === 'string') return prepared;
  return sendAndRecord(context, mail, prepared);
}

/** Hands a claimed mail to the mailer and records the outcome, releasing the claim. */
async function sendAndRecord(
  context: ServiceContext,
  mail: MailRecord,
  prepared: OrgkitMail,
): Promise<'sent' | 'failed'> {
  const { store, clock } = context;
  const fail = (error: unknown) => context.log({ level: 'error', source: 'mail', mailId: mail.id, error });
  try {
    await sendWithin(context, prepared);
  } catch (error) {
    fail(error);
    await store
      .updateMail(mail.id, { lastError: describeError(error), claimedUntil: null, updatedAt: clock() })
      .catch(fail);
    return 'failed';
  }
  // Sent but not recorded: it goes again once the claim lapses (at least once; `OrgkitMail.id` lets the mailer dedupe).
  await store
    .updateMail(mail.id, { status: 'sent', sentAt: clock(), lastError: null, claimedUntil: null, updatedAt: clock() })
    .catch(fail);
  return 'sent';
}

/**
 * Claims the attempt and renders the mail. With `token` (the first attempt),
 * a mail whose link has been replaced meanwhile is dropped rather than sent
 * dead; without it, a new link is minted.
 */
async function claimAndRender(
  context: ServiceContext,
  tx: StoreTx,
  audit: AuditTrail,
  mail: MailRecord,
  token: string | undefined,
): Promise<Prepared> {
  const now = context.clock();
  if ((await tx.claimMail(mail.id, mail.attempts, now, claimUntil(context, now))) === null) return 'skipped';
  const cancel = async (): Promise<Prepared> => {
    await tx.updateMail(mail.id, { status: 'cancelled', updatedAt: now });
    return 'cancelled';
  };

  if (mail.kind === 'invitation') {
    const invitation = await tx.getInvitation(mail.organizationId!, mail.invitationId!);
    const organization = await tx.getOrganization(mail.organizationId!);
    const live = invitation?.status === 'pending' && invitation.expiresAt.getTime() > now.getTime();
    if (!live || organization === null) return cancel();
    if (token !== undefined && !tokenMatches(token, invitation.tokenHash)) return cancel();
    let linkToken = token;
    if (linkToken === undefined) {
      linkToken = newToken();
      await tx.updatePendingInvitation(invitation.organizationId, invitation.id, {
        tokenHash: hashToken(linkToken),
        updatedAt: now,
      });
      // A new link is a change to the invitation like `resend`, made by no one.
      audit.record({
        organizationId: invitation.organizationId,
        actorId: null,
        action: 'invitation.resent',
        target: { targetType: 'invitation', targetId: invitation.id },
        changes: {},
        at: now,
      });
    }
    return invitationMail(context, mail, invitation, organization, linkToken);
  }

  const user = await tx.getUser(mail.userId!);
  if (user === null) return cancel();
  if (mail.kind === 'email-changed') {
    return renderEmailChangedMail({
      mailId: mail.id,
      userId: user.id,
      to: mail.to,
      fullName: user.fullName,
      newEmail: user.email,
    });
  }
  const { pendingEmail, pendingEmailTokenHash, pendingEmailExpiresAt } = user;
  const live = pendingEmail === mail.to && pendingEmailExpiresAt !== null && pendingEmailExpiresAt > now;
  if (!live || pendingEmailTokenHash === null) return cancel();
  if (token !== undefined && !tokenMatches(token, pendingEmailTokenHash)) return cancel();
  let linkToken = token;
  if (linkToken === undefined) {
    linkToken = newToken();
    await tx.updateUser(user.id, { pendingEmailTokenHash: hashToken(linkToken), updatedAt: user.updatedAt });
  }
  return renderEmailChangeMail({
    mailId: mail.id,
    userId: user.id,
    to: mail.to,
    fullName: user.fullName,
    confirmUrl: context.confirmEmailUrl(linkToken),
    expiresAt: pendingEmailExpiresAt,
  });
}

/** The invitation mail of `mail`, carrying `token` as its link. */
export function invitationMail(
  context: ServiceContext,
  mail: MailRecord,
  invitation: InvitationRecord,
  organization: OrganizationRecord,
  token: string,
): OrgkitMail {
  return renderInvitationMail({
    mailId: mail.id,
    to: mail.to,
    organizationId: organization.id,
    organizationName: organization.name,
    invitationId: invitation.id,
    role: invitation.role,
    acceptUrl: context.acceptUrl(token),
    expiresAt: invitation.expiresAt,
  });
}

/** A mailer that never answers must not hold the call, or the outbox, forever. */
async function sendWithin(context: ServiceContext, mail: OrgkitMail): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new Error(`The mailer did not answer within ${context.mailTimeoutMs} ms.`);
      error.name = 'TimeoutError';
      reject(error);
    }, context.mailTimeoutMs);
  });
  try {
    await Promise.race([context.mailer.send(mail), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * What the outbox keeps of a mailer's failure: the error's name and code,
 * never its message, which may quote the mail and so its live link (even
 * split across quoted-printable lines, where no scrubbing would find it).
 * The whole error goes to `log`.
 */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return 'Error';
  const code = (error as { code?: unknown }).code;
  const name = error.name.slice(0, 100);
  return typeof code === 'string' || typeof code === 'number' ? `${name} (${String(code).slice(0, 100)})` : name;
}
