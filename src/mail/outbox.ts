/**
 * Delivery from the transactional outbox. The invitation and its mail row
 * commit together; sending happens after commit, so a mailer failure can
 * only leave a mail pending, never lose an invitation.
 *
 * The outbox keeps no token. The first attempt uses the token minted with
 * the invitation; a retry mints a new one (the old link stops working, as
 * with `resend`), so tokens never rest in plain text anywhere.
 */
import { mutate, type ServiceContext } from '../services/context.js';
import type { MailRecord } from '../store/records.js';
import { hashToken, newToken } from '../tokens.js';
import { renderInvitationMail } from './invitation-mail.js';
import type { OrgkitMail } from './mailer.js';

export type DeliveryOutcome = 'sent' | 'failed' | 'cancelled' | 'skipped';

export interface DeliveryReport {
  sent: number;
  failed: number;
  cancelled: number;
}

const MAX_ERROR_LENGTH = 500;

/**
 * One delivery attempt of one mail. `token` is given on the first attempt,
 * right after the invitation committed; without it a fresh one is minted.
 */
export async function deliverMail(context: ServiceContext, mail: MailRecord, token?: string): Promise<DeliveryOutcome> {
  const { store, clock, acceptUrl } = context;
  const prepared = await mutate(context, async (tx, audit): Promise<OrgkitMail | 'cancelled' | 'skipped'> => {
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
  if (typeof prepared === 'string') return prepared;

  try {
    await context.mailer.send(prepared);
  } catch (error) {
    await store.updateMail(mail.id, { lastError: describeError(error), updatedAt: clock() });
    return 'failed';
  }
  await store.updateMail(mail.id, { status: 'sent', sentAt: clock(), lastError: null, updatedAt: clock() });
  return 'sent';
}

/** Retries every pending mail once, oldest first. Safe to run from several processes at once. */
export async function deliverPendingMail(context: ServiceContext, options: { limit?: number } = {}) {
  const limit = options.limit ?? 100;
  const report: DeliveryReport = { sent: 0, failed: 0, cancelled: 0 };
  for (const mail of await context.store.listPendingMail(limit)) {
    const outcome = await deliverMail(context, mail);
    if (outcome !== 'skipped') report[outcome] += 1;
  }
  return report;
}

function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, MAX_ERROR_LENGTH);
}
