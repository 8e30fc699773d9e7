/**
 * What happens after a call's transaction committed (sending its mail,
 * telling `onEvent`) can no longer fail the call: it goes to `log` instead.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createOrgkit, type OrgkitLogEvent, type OrgkitOptions } from '../../src/index.js';
import { memoryStore } from '../../src/memory.js';
import type { Store } from '../../src/store/store.js';
import { type FaultyStore, faultyStore } from '../../src/testing/faulty-store.js';
import { MemoryMailer } from '../../src/testing/memory-mailer.js';
import { rejection, START, uniqueEmail } from '../support/harness.js';
import { STORES } from '../support/stores.js';

for (const factory of STORES) {
  describe(`after commit: ${factory.name}`, () => {
    let real: Store | undefined;
    afterEach(async () => {
      if (real !== undefined) await factory.destroy(real);
      real = undefined;
    });

    async function setUp(options: Partial<OrgkitOptions> = {}) {
      real = await factory.create();
      const store: FaultyStore = faultyStore(real);
      const mailer = new MemoryMailer();
      const logs: OrgkitLogEvent[] = [];
      const orgkit = createOrgkit({
        store,
        mailer,
        acceptUrl: (token) => `https://app.example/invite/${token}`,
        confirmEmailUrl: (token) => `https://app.example/confirm-email#${token}`,
        clock: () => START,
        log: (event) => {
          logs.push(event);
        },
        ...options,
      });
      const { organization, owner } = await orgkit.organizations.create({
        name: 'Acme',
        owner: { email: uniqueEmail('owner'), fullName: 'Olivia Owner' },
      });
      return { orgkit, store, mailer, logs, owner: { userId: owner.userId, organizationId: organization.id } };
    }

    it('invitations.create claims its mail in its own transaction: one send, no claim after commit', async () => {
      const { orgkit, store, mailer, owner } = await setUp();
      store.failWhen((call) => call.method === 'claimMail');

      const invitation = await orgkit.invitations.create(owner, { email: uniqueEmail('invitee'), role: 'user' });

      expect(mailer.sent).toHaveLength(1);
      expect(await real!.getMail(mailer.sent[0]!.id)).toMatchObject({
        invitationId: invitation.id,
        status: 'sent',
        attempts: 1,
        claimedUntil: null,
      });
    });

    it('a mail whose sender stopped before recording the outcome goes out once its claim lapses', async () => {
      let now = START.getTime();
      const { orgkit, store, mailer, logs, owner } = await setUp({ clock: () => new Date(now), mailTimeoutMs: 1_000 });
      const email = uniqueEmail('invitee');
      // The mailer fails and recording that fails too: as if the process had stopped after commit.
      mailer.failNext(1);
      store.failWhen((call) => call.method === 'updateMail');

      const invitation = await orgkit.invitations.create(owner, { email, role: 'user' });

      expect(mailer.sent).toHaveLength(0);
      expect(logs.map((event) => event.source)).toEqual(['mail', 'mail']);
      const [pending] = await real!.listPendingMail(10);
      expect(pending).toMatchObject({ invitationId: invitation.id, status: 'pending', attempts: 1 });
      expect(pending?.claimedUntil?.getTime()).toBeGreaterThan(now);
      // An invitation exists: asking again is the pending-invitation conflict, not a second invitation.
      expect(await rejection(orgkit.invitations.create(owner, { email, role: 'user' }))).toMatchObject({
        code: 'CONFLICT',
        details: { reason: 'INVITATION_PENDING' },
      });

      store.heal();
      // Still claimed: another deliverer leaves it alone.
      expect(await orgkit.deliverPendingMail()).toEqual({ sent: 0, failed: 0, cancelled: 0 });
      now = pending!.claimedUntil!.getTime();
      expect(await orgkit.deliverPendingMail()).toEqual({ sent: 1, failed: 0, cancelled: 0 });
      expect(await real!.getMail(pending!.id)).toMatchObject({ status: 'sent', attempts: 2, claimedUntil: null });
      const token = mailer.tokenFor(email)!;
      await expect(orgkit.invitations.accept({ token, fullName: 'Ivy Invitee' })).resolves.toBeTruthy();
    });

    it('a mail sent but not recorded as sent goes out again once its claim lapses (at least once)', async () => {
      let now = START.getTime();
      const { orgkit, store, mailer, owner } = await setUp({ clock: () => new Date(now), mailTimeoutMs: 1_000 });
      store.failWhen((call) => call.method === 'updateMail');
      await orgkit.invitations.create(owner, { email: uniqueEmail('invitee'), role: 'user' });
      store.failWhen(() => false);
      const [pending] = await real!.listPendingMail(10);

      expect(await orgkit.deliverPendingMail()).toEqual({ sent: 0, failed: 0, cancelled: 0 });
      now = pending!.claimedUntil!.getTime() + 1;
      expect(await orgkit.deliverPendingMail()).toEqual({ sent: 1, failed: 0, cancelled: 0 });
      // The same mail id twice, so a mailer can tell the repeat.
      expect(mailer.sent.map((mail) => mail.id)).toEqual([pending!.id, pending!.id]);
    });

    it('resend succeeds when the store fails to record a mailer rejection', async () => {
      const { orgkit, store, mailer, logs, owner } = await setUp();
      const invitation = await orgkit.invitations.create(owner, { email: uniqueEmail(), role: 'user' });
      mailer.failNext(1);
      store.failWhen((call) => call.method === 'updateMail');

      await expect(orgkit.invitations.resend(owner, invitation.id)).resolves.toMatchObject({ id: invitation.id });

      expect(logs.map((event) => event.source)).toEqual(['mail', 'mail']);
      expect(logs.map((event) => String((event.error as Error).message))).toEqual([
        expect.stringContaining('simulated delivery failure'),
        expect.stringContaining('Injected fault'),
      ]);
    });

    it('counts a mail whose delivery the store breaks as failed in deliverPendingMail, and goes on', async () => {
      const { orgkit, store, mailer, logs, owner } = await setUp();
      mailer.failNext(2);
      await orgkit.invitations.create(owner, { email: uniqueEmail('a'), role: 'user' });
      await orgkit.invitations.create(owner, { email: uniqueEmail('b'), role: 'user' });
      logs.length = 0;
      let claims = 0;
      store.failWhen((call) => call.method === 'claimMail' && ++claims === 1);

      expect(await orgkit.deliverPendingMail()).toEqual({ sent: 1, failed: 1, cancelled: 0 });
      expect(logs).toHaveLength(1);
      expect(await orgkit.deliverPendingMail()).toEqual({ sent: 1, failed: 0, cancelled: 0 });
    });

    it('hands an onEvent failure to log, and a throwing log to no one, without failing the call', async () => {
      const thrown = new Error('handler bug');
      const { orgkit, logs, owner } = await setUp({
        onEvent: () => {
          throw thrown;
        },
      });
      const project = await orgkit.projects.create(owner, { name: 'Bots' });
      expect(project.name).toBe('Bots');
      expect(logs.at(-1)).toEqual({
        level: 'error',
        source: 'onEvent',
        event: expect.objectContaining({ action: 'project.created', targetId: project.id }),
        error: thrown,
      });

      const quiet = await setUp({
        onEvent: () => Promise.reject(thrown),
        log: () => {
          throw new Error('logger bug');
        },
      });
      await expect(quiet.orgkit.projects.create(quiet.owner, { name: 'Still works' })).resolves.toBeTruthy();
    });
  });
}

describe('createOrgkit options', () => {
  const valid = async (): Promise<OrgkitOptions> => ({
    store: memoryStore(),
    mailer: new MemoryMailer(),
    acceptUrl: (token) => `/accept#${token}`,
    confirmEmailUrl: (token) => `/confirm-email#${token}`,
  });

  it.each([null, undefined, 'options', 42])('refuses %j with a TypeError', (options) => {
    expect(() => createOrgkit(options as never)).toThrow(TypeError);
  });

  it.each([
    ['a store without transaction', { store: {} }],
    ['a mailer without send', { mailer: {} }],
    ['an acceptUrl that is not a function', { acceptUrl: 'https://x' }],
    ['a missing confirmEmailUrl', { confirmEmailUrl: undefined }],
    ['a zero mailTimeoutMs', { mailTimeoutMs: 0 }],
    ['a zero invitationTtlMs', { invitationTtlMs: 0 }],
    ['a log that is not a function', { log: 'console' }],
    ['an onEvent that is not a function', { onEvent: true }],
  ])('refuses %s with a TypeError', async (_what, override) => {
    const options = { ...(await valid()), ...override };
    expect(() => createOrgkit(options as never)).toThrow(TypeError);
  });

  it('logs to console.error when no log is given', async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const orgkit = createOrgkit({
        ...(await valid()),
        onEvent: () => {
          throw new Error('handler bug');
        },
      });
      await orgkit.organizations.create({ name: 'Acme', owner: { email: uniqueEmail(), fullName: 'Olivia' } });
      expect(spy).toHaveBeenCalledWith(expect.stringContaining('onEvent threw'), expect.any(Error));
    } finally {
      spy.mockRestore();
    }
  });

  it.each([{ limit: 0 }, { limit: 10_001 }, { limit: 1.5 }, { limt: 5 }])(
    'refuses deliverPendingMail(%j) with VALIDATION_FAILED',
    async (options) => {
      const orgkit = createOrgkit(await valid());
      expect(await rejection(orgkit.deliverPendingMail(options as never))).toMatchObject({
        code: 'VALIDATION_FAILED',
      });
    },
  );
});
