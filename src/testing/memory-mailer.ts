import type { Mailer, OrgkitMail } from '../mail/mailer.js';

/**
 * Records every mail instead of sending it, for tests. `failNext(n)` makes the
 * next `n` sends reject, to exercise the outbox's retries.
 */
export class MemoryMailer implements Mailer {
  readonly sent: OrgkitMail[] = [];
  private failures = 0;
  private message: (mail: OrgkitMail) => string = () => 'MemoryMailer: simulated delivery failure';

  async send(mail: OrgkitMail): Promise<void> {
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error(this.message(mail));
    }
    this.sent.push(structuredClone(mail));
  }

  /** The next `count` sends reject, with `message(mail)` as the error's message (a real transport may quote the mail). */
  failNext(count = 1, message?: (mail: OrgkitMail) => string): void {
    this.failures = count;
    if (message !== undefined) this.message = message;
  }

  /** The newest mail to `to`, if any. */
  lastTo(to: string): OrgkitMail | undefined {
    return this.sent.findLast((mail) => mail.to === to);
  }

  /**
   * The token in the newest invitation or email-change link mailed to `to`,
   * assuming the link ends with the token (after a `/` or a `#`).
   */
  tokenFor(to: string, kind: 'invitation' | 'email-change' = 'invitation'): string | undefined {
    const mail = this.sent.findLast((sent) => sent.to === to && sent.kind === kind);
    if (mail === undefined) return undefined;
    const link = mail.kind === 'invitation' ? mail.acceptUrl : mail.kind === 'email-change' ? mail.confirmUrl : '';
    return link.split(/[/#]/).at(-1);
  }

  clear(): void {
    this.sent.length = 0;
  }
}
