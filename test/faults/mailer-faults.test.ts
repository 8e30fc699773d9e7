/**
 * Mailers that fail: throwing, rejecting, hanging past `mailTimeoutMs`,
 * landing after it, or working only after some failures. Whatever they do,
 * no mail is lost and none is marked sent unsent; each attempt is counted
 * once; and the link that works is the one in the last mail that went.
 * (test/services/outbox.test.ts covers a mailer that rejects, once.)
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { OrgkitMail } from '../../src/mail/mailer.js';
import { createHarness, type Harness, rejection, seedOrganization, uniqueEmail } from '../support/harness.js';
import { STORES } from '../support/stores.js';
import { type Behaviour, ScriptedMailer } from './support/scripted-mailer.js';

const TIMEOUT_MS = 25;
const FAILURES: Behaviour[] = ['throw', 'reject', 'hang'];

/** Runs `deliverPendingMail` until nothing is pending; answers how many runs that took. */
async function drain(h: Harness): Promise<number> {
  for (let run = 1; run <= 10; run += 1) {
    await h.orgkit.deliverPendingMail();
    if ((await h.store.listPendingMail(100)).length === 0) return run;
  }
  throw new Error('mail still pending after 10 runs');
}

for (const factory of STORES) {
  describe(`failing mailers: ${factory.name}`, () => {
    let h: Harness | undefined;
    afterEach(async () => {
      await h?.close();
      h = undefined;
    });

    async function setUp(mailer: ScriptedMailer) {
      h = await createHarness(factory, { mailer, mailTimeoutMs: TIMEOUT_MS });
      return { h, ...(await seedOrganization(h)) };
    }

    it('loses no mail to a mailer that throws, rejects or hangs before it works: each goes once', async () => {
      // The i-th mail fails its first i % 4 attempts, each time in another way.
      const order: string[] = [];
      const mailer = new ScriptedMailer((mail: OrgkitMail, attempt) => {
        if (!order.includes(mail.id)) order.push(mail.id);
        return attempt <= order.indexOf(mail.id) % 4 ? FAILURES[(attempt - 1) % 3]! : 'ok';
      });
      const { h, owner, ownerEmail } = await setUp(mailer);
      const invitees = [uniqueEmail('a'), uniqueEmail('b'), uniqueEmail('c'), uniqueEmail('d')];
      for (const email of invitees) await h.orgkit.invitations.create(owner, { email, role: 'user' });
      const moved = uniqueEmail('moved');
      await h.orgkit.members.update(owner, owner.userId, { email: moved });
      await drain(h);
      await h.orgkit.members.confirmEmail({ token: mailer.inbox.tokenFor(moved, 'email-change')! });
      await drain(h);

      const delivered = mailer.inbox.sent.map((mail) => mail.id);
      expect(new Set(delivered).size).toBe(delivered.length);
      expect([...mailer.attempts.keys()].sort()).toEqual([...delivered].sort());
      expect(mailer.inbox.sent.map((mail) => [mail.kind, mail.to])).toEqual(
        expect.arrayContaining([
          ...invitees.map((email) => ['invitation', email]),
          ['email-change', moved],
          ['email-changed', ownerEmail],
        ]),
      );
      for (const [id, attempts] of mailer.attempts) {
        // Every attempt the mailer saw was claimed, and counted, once.
        expect(await h.store.getMail(id)).toMatchObject({ status: 'sent', attempts, lastError: null });
      }
      expect(Math.max(...mailer.attempts.values())).toBe(4);
      for (const email of invitees) {
        const token = mailer.inbox.tokenFor(email)!;
        await expect(h.orgkit.invitations.accept({ token, fullName: 'Late but there' })).resolves.toBeTruthy();
      }
    });

    it('does not wait for a mailer that hangs: the call answers, the mail waits for the next run', async () => {
      const mailer = new ScriptedMailer((_, attempt) => (attempt === 1 ? 'hang' : 'ok'));
      const { h, owner } = await setUp(mailer);
      const email = uniqueEmail('invitee');
      const started = Date.now();
      const invitation = await h.orgkit.invitations.create(owner, { email, role: 'user' });
      expect(Date.now() - started).toBeLessThan(5_000);
      const [pending] = await h.store.listPendingMail(10);
      expect(pending).toMatchObject({ invitationId: invitation.id, attempts: 1, lastError: 'TimeoutError' });
      expect(h.logs.map((event) => event.source === 'mail' && (event.error as Error).name)).toEqual(['TimeoutError']);

      expect(await h.orgkit.deliverPendingMail()).toEqual({ sent: 1, failed: 0, cancelled: 0 });
      expect(mailer.inbox.sent.map((mail) => mail.to)).toEqual([email]);
      await expect(
        h.orgkit.invitations.accept({ token: mailer.inbox.tokenFor(email)!, fullName: 'Patient' }),
      ).resolves.toBeTruthy();
    });

    it('sends again a mail that landed after the timeout (at least once); only the newer link works', async () => {
      const mailer = new ScriptedMailer((_, attempt) => (attempt === 1 ? 'slow' : 'ok'), { delayMs: 4 * TIMEOUT_MS });
      const { h, owner } = await setUp(mailer);
      const email = uniqueEmail('invitee');
      await h.orgkit.invitations.create(owner, { email, role: 'user' });
      await mailer.landed();
      const first = mailer.inbox.tokenFor(email)!;
      const [pending] = await h.store.listPendingMail(10);
      expect(pending).toMatchObject({ status: 'pending', attempts: 1, lastError: 'TimeoutError' });

      expect(await h.orgkit.deliverPendingMail()).toEqual({ sent: 1, failed: 0, cancelled: 0 });
      const second = mailer.inbox.tokenFor(email)!;
      // The same outbox entry twice: `OrgkitMail.id` lets a host's transport drop the repeat.
      expect(mailer.inbox.sent.map((mail) => mail.id)).toEqual([pending!.id, pending!.id]);
      expect(second).not.toBe(first);
      expect(await rejection(h.orgkit.invitations.accept({ token: first, fullName: 'Old link' }))).toMatchObject({
        code: 'INVITATION_INVALID',
      });
      await expect(h.orgkit.invitations.accept({ token: second, fullName: 'New link' })).resolves.toBeTruthy();
      expect(await h.store.getMail(pending!.id)).toMatchObject({ status: 'sent', attempts: 2 });
    });

    it('leaves alone a mail whose attempt is in flight: one mail, and its link works', async () => {
      const mailer = new ScriptedMailer(() => 'slow', { delayMs: 200 });
      h = await createHarness(factory, { mailer, mailTimeoutMs: 5_000 });
      const { owner } = await seedOrganization(h);
      const email = uniqueEmail('invitee');
      const creating = h.orgkit.invitations.create(owner, { email, role: 'user' });
      while (mailer.attempts.size === 0) await new Promise((resolve) => setTimeout(resolve, 5));

      // Another deliverer (a timer in this process, or another process) runs while the mail is being sent.
      expect(await h.orgkit.deliverPendingMail()).toEqual({ sent: 0, failed: 0, cancelled: 0 });
      await creating;

      expect(mailer.inbox.sent.map((mail) => mail.to)).toEqual([email]);
      const token = mailer.inbox.tokenFor(email)!;
      await expect(h.orgkit.invitations.accept({ token, fullName: 'First link' })).resolves.toBeTruthy();
    });

    it('keeps no link in the outbox when a failing mailer quotes the mail', async () => {
      const mailer = new ScriptedMailer((_, attempt) => (attempt === 1 ? 'throw' : attempt === 2 ? 'reject' : 'ok'));
      const { h, owner } = await setUp(mailer);
      await h.orgkit.invitations.create(owner, { email: uniqueEmail(), role: 'user' });
      const [afterThrow] = await h.store.listPendingMail(10);
      expect(afterThrow?.lastError).toBe('Error');
      await h.orgkit.deliverPendingMail();
      expect((await h.store.getMail(afterThrow!.id))?.lastError).toBe('Error (ECONNRESET)');
    });
  });
}
