/**
 * The demo's development Mailbox: a `Mailer` that keeps every mail in
 * memory instead of sending it, so the invitation and email-confirmation
 * links can be opened from the page. A real host passes a mailer that
 * sends (SMTP, an email API) instead.
 */
import type { OrgkitMail as Mail, Mailer } from '../../src/index.js';

/** One kept mail, as the Mailbox panel shows it. */
export interface MailboxEntry {
  id: string;
  to: string;
  subject: string;
  kind: Mail['kind'];
  /** The link the mail carries (accept or confirm), or `null`. */
  link: string | null;
  sentAt: string;
}

export interface Mailbox extends Mailer {
  /** Newest first. */
  entries(): MailboxEntry[];
}

const linkOf = (mail: Mail) =>
  mail.kind === 'invitation' ? mail.acceptUrl : mail.kind === 'email-change' ? mail.confirmUrl : null;

/** A Mailbox holding at most `capacity` mails (default 50), oldest dropped first. */
export function mailbox(capacity = 50): Mailbox {
  const kept: MailboxEntry[] = [];
  return {
    async send(mail) {
      // A retried delivery keeps its id: show it once.
      if (kept.some((entry) => entry.id === mail.id)) return;
      kept.unshift({
        id: mail.id,
        to: mail.to,
        subject: mail.subject,
        kind: mail.kind,
        link: linkOf(mail),
        sentAt: new Date().toISOString(),
      });
      kept.length = Math.min(kept.length, capacity);
    },
    entries: () => [...kept],
  };
}
