/**
 * Delivery from the transactional outbox. The invitation and its mail row
 * commit together; sending happens after commit, so a mailer failure can
 * only leave a mail pending, never lose an invitation or fail the call that
 * made it.
 *
 * The outbox keeps no token. The first attempt uses the token minted with
 * the invitation; a retry mints a new one (the old link stops working, as
 * with `resend`), so tokens never rest in plain text anywhere.
 */
import { renderInvitationMail } from '../mail/invitation-mail.js';
import type { OrgkitMail } from '../mail/mailer.js';
import type { MailRecord } from '../store/records.js';
import { mutate, type ServiceContext } from './context.js';
import { hashToken, newToken } from './tokens.js';

/** What one `deliverPendingMail()` run did. */
export interface DeliveryReport {
  /** Handed to the mailer. */
  sent: number;
  /** Still pending: the mailer rejected it, or the store failed (see `log`). */
  failed: number;
  /** Dropped: its invitation was accepted, revoked, replaced or has expired. */
  cancelled: number;
}

type DeliveryOutcome = 'sent' | 'failed' | 'cancelled' | 'skipped';

const MAX_ERROR_LENGTH = 500;

/**
 * Sends a mail right after the transaction that wrote it committed. Never
 * throws: whatever goes wrong leaves the mail pending and goes to `log`.
 */
export async function deliverAfterCommit(context: ServiceContext, mail: MailRecord, token: string): Promise<void> {
  await deliverMail(context, mail, token);
}

/** Retries every pending mail once, oldest first. Safe to run from several processes at once. */
export async function deliverPendingMail(context: ServiceContext, limit: number): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, failed: 0, cancelled: 0 };
  for (const mail of await context.store.listPendingMail(limit)) {
    const outcome = await deliverMail(context, mail);
    if (outcome !== 'skipped') report[outcome] += 1;
  }
  return report;
}

/**
 * One delivery attempt of one mail. `token` is given on the first attempt,
 * right after the invitation committed; without it a fresh one is minted.
 */
async function deliverMail(context: ServiceContext, mail: MailRecord, token?: string): Promise<DeliveryOutcome> {
  const { store, clock } = context;
  let prepared: OrgkitMail | 'cancelled' | 'skipped';
  try {
    prepared = await claimAndRender(context, mail, token);
  } catch (error) {
    context.log({ level: 'error', source: 'mail', mailId: mail.id, error });
    return 'failed';
  }
  if (typeof prepared === 'string') return prepared;

  try {
    await context.mailer.send(prepared);
  } catch (error) {
    context.log({ level: 'error', source: 'mail', mailId: mail.id, error });
    await store
      .updateMail(mail.id, { lastError: describeError(error), updatedAt: clock() })
      .catch((storeError: unknown) =>
        context.log({ level: 'error', source: 'mail', mailId: mail.id, error: storeError }),
      );
    return 'failed';
  }
  try {
    await store.updateMail(mail.id, { status: 'sent', sentAt: clock(), lastError: null, updatedAt: clock() });
  } catch (error) {
    // Sent but not recorded: it goes again on the next run (at least once; `OrgkitMail.id` lets the mailer dedupe).
    context.log({ level: 'error', source: 'mail', mailId: mail.id, error });
  }
  return 'sent';
}

/** Claims the attempt and renders the mail, minting a new link unless `token` is the one just committed. */
async function claimAndRender(context: ServiceContext, mail: MailRecord, token: string | undefined) {
  const { clock, acceptUrl } = context;
  return mutate(context, async (tx, audit): Promise<OrgkitMail | 'cancelled' | 'skipped'> => {
    const now = clock();
    const claimed = await tx.claimMail(mail.id, mail.attempts, now);
    if (claimed === null) return 'skipped';
    const invitation = await tx.getInvitation(mail.organizationId, mail.invitationId);
    const organization = await tx.getOrganization(mail.organizationId);
    const live = invitation?.status === 'pending' && invitation.expiresAt.getTime() > now.getTime();
    if (!live || organization === null) {
      await tx.updateMail(mail.id, { status: 'cancelled', updatedAt: now });
      return 'cancelled';
    }
    let linkToken = token;
    if (linkToken === undefined) {
      linkToken = newToken();
      await tx.updatePendingInvitation(mail.organizationId, invitation.id, {
        tokenHash: hashToken(linkToken),
        updatedAt: now,
      });
      // A new link is a change to the invitation like `resend`, made by no one.
      audit.record({
        organizationId: mail.organizationId,
        actorId: null,
        action: 'invitation.resent',
        target: { targetType: 'invitation', targetId: invitation.id },
        changes: {},
        at: now,
      });
    }
    return renderInvitationMail({
      mailId: mail.id,
      to: mail.to,
      organizationId: organization.id,
      organizationName: organization.name,
      invitationId: invitation.id,
      role: invitation.role,
      acceptUrl: acceptUrl(linkToken),
      expiresAt: invitation.expiresAt,
    });
  });
}

function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, MAX_ERROR_LENGTH);
}
