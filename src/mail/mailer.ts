/** What every mail orgkit asks the host to send carries. */
interface MailBase {
  /** Stable across retries of the same outbox entry: use it to deduplicate. */
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * A mail orgkit asks the host to send, rendered at send time. `kind` says
 * what it is for; a mail that carries a link holds a fresh token in it.
 * - `invitation`: to an invitee; `acceptUrl` is `acceptUrl(token)`.
 * - `email-change`: to the new address of an email change; `confirmUrl` is
 *   `confirmEmailUrl(token)`.
 * - `email-changed`: to the old address once the change is confirmed.
 */
export type OrgkitMail =
  | (MailBase & { kind: 'invitation'; acceptUrl: string; organizationId: string; invitationId: string })
  | (MailBase & { kind: 'email-change'; confirmUrl: string; userId: string })
  | (MailBase & { kind: 'email-changed'; newEmail: string; userId: string });

/**
 * The host's mail transport. `send` resolves once the mail is handed over;
 * a rejection leaves the mail pending for `orgkit.deliverPendingMail()`.
 */
export interface Mailer {
  send(mail: OrgkitMail): Promise<void>;
}
