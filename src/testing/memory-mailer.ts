import type { Mailer, OrgkitMail } from '../mail/mailer.js';

/**
 * Records every mail instead of sending it, for tests. `failNext(n)` makes the
 * next `n` sends reject, to exercise the outbox's retries.
 */
export class MemoryMailer implements Mailer {
  readonly sent: OrgkitMail[] = [];
  private failures = 0;

  async send(mail: OrgkitMail): Promise<void> {
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('MemoryMailer: simulated delivery failure');
    }
    this.sent.push(structuredClone(mail));
  }

  failNext(count = 1): void {
    this.failures = count;
  }

  /** The newest mail to `to`, if any. */
  lastTo(to: string): OrgkitMail | undefined {
    return this.sent.findLast((mail) => mail.to === to);
  }

  /** The token in the newest mail's link to `to`, assuming the link ends with the token. */
  tokenFor(to: string): string | undefined {
    return this.lastTo(to)?.acceptUrl.split('/').at(-1);
  }

  clear(): void {
    this.sent.length = 0;
  }
}
