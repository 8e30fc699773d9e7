/** A mail orgkit asks the host to send. Rendered at send time; the link holds a fresh token. */
export interface OrgkitMail {
  /** Stable across retries of the same outbox entry: use it to deduplicate. */
  id: string;
  kind: 'invitation';
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The link the invitee opens: `acceptUrl(token)`. */
  acceptUrl: string;
  organizationId: string;
  invitationId: string;
}

/**
 * The host's mail transport. `send` resolves once the mail is handed over;
 * a rejection leaves the mail pending for `orgkit.deliverPendingMail()`.
 */
export interface Mailer {
  send(mail: OrgkitMail): Promise<void>;
}
