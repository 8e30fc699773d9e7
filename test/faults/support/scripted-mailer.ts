/**
 * A mailer that misbehaves by script: each attempt to send a mail throws,
 * rejects, hangs for good, works slowly (landing, perhaps, after orgkit gave
 * up on it), or works.
 * What really went out lands in `inbox`.
 */
import type { Mailer, OrgkitMail } from '../../../src/mail/mailer.js';
import { MemoryMailer } from '../../../src/testing/memory-mailer.js';

export type Behaviour =
  /** `send` throws before returning a promise. */
  | 'throw'
  /** `send` rejects, with a `code` as transports give. */
  | 'reject'
  /** `send` never settles. */
  | 'hang'
  /** `send` resolves, and the mail lands, `delayMs` later (after orgkit's timeout, if that is shorter). */
  | 'slow'
  | 'ok';

export class ScriptedMailer implements Mailer {
  /** What was delivered, in order: read links with `inbox.tokenFor`. */
  readonly inbox = new MemoryMailer();
  /** Attempts per mail id, failed or not. */
  readonly attempts = new Map<string, number>();
  readonly #plan: (mail: OrgkitMail, attempt: number) => Behaviour;
  readonly #delayMs: number;
  readonly #landing = new Set<Promise<void>>();

  constructor(plan: (mail: OrgkitMail, attempt: number) => Behaviour, options: { delayMs?: number } = {}) {
    this.#plan = plan;
    this.#delayMs = options.delayMs ?? 0;
  }

  send(mail: OrgkitMail): Promise<void> {
    const attempt = (this.attempts.get(mail.id) ?? 0) + 1;
    this.attempts.set(mail.id, attempt);
    switch (this.#plan(mail, attempt)) {
      case 'throw':
        // Quoting the mail, link included, as some transports do.
        throw new Error(`refused: ${mail.text}`);
      case 'reject':
        return Promise.reject(Object.assign(new Error(`connection reset: ${mail.html}`), { code: 'ECONNRESET' }));
      case 'hang':
        return new Promise(() => undefined);
      case 'slow': {
        const landing = new Promise<void>((resolve) => setTimeout(resolve, this.#delayMs)).then(() =>
          this.inbox.send(mail),
        );
        this.#landing.add(landing);
        return landing;
      }
      case 'ok':
        return this.inbox.send(mail);
    }
  }

  /** Waits until every slow send has landed. */
  async landed(): Promise<void> {
    await Promise.all(this.#landing);
  }
}
