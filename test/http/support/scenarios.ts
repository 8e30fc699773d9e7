/**
 * The HTTP scenario suite, run by each adapter's test file: real sockets,
 * driven through `orgkit/client` and through raw `fetch` for what a client
 * never sends. The fetch handler, the core every adapter shares, runs on
 * every store (`ORGKIT_TEST_STORES` narrows it); the thin adapters around
 * it run on the in-memory and SQLite stores, which keeps the suite quick.
 */
import { describe, expect, it } from 'vitest';
import { memoryStore } from '../../../src/memory.js';
import type { Store } from '../../../src/store/store.js';
import { seedOrganization, uniqueEmail, useHarness } from '../../support/harness.js';
import { STORES } from '../../support/stores.js';
import { flowScenarios } from './flow-scenarios.js';
import { singleStore, useHttpServer } from './http-kit.js';
import { refusalScenarios } from './refusal-scenarios.js';
import type { HttpTarget } from './targets.js';

const QUICK_STORES = new Set(['memory', 'sqlite-memory']);

export function describeHttpScenarios(target: HttpTarget, options: { everyStore?: boolean } = {}): void {
  const stores = options.everyStore ? STORES : STORES.filter((factory) => QUICK_STORES.has(factory.name));
  for (const factory of stores) {
    describe(`HTTP over ${target.name}: ${factory.name}`, () => {
      const h = useHarness(factory, { shared: true });
      const http = useHttpServer(target, () => h.orgkit);
      flowScenarios(h, http);
      refusalScenarios(h, http);

      it('confirms an email change with the mailed token, with no sign-in', async () => {
        const { owner, organizationId } = await seedOrganization(h, 'Email');
        const invitation = await h.orgkit.invitations.create(owner, { email: uniqueEmail('old'), role: 'user' });
        const { member: joined } = await http
          .client()
          .invitations.accept({ token: h.mailer.tokenFor(invitation.email)!, fullName: 'Old Address' });
        const newEmail = uniqueEmail('new');
        const pending = await http
          .client(owner.userId)
          .members.update(organizationId, joined.userId, { email: newEmail });
        expect(pending).toMatchObject({ email: invitation.email, pendingEmail: newEmail });
        const token = h.mailer.tokenFor(newEmail, 'email-change')!;
        await expect(http.client().members.confirmEmail({ token: 'x'.repeat(43) })).rejects.toMatchObject({
          name: 'OrgkitError',
          code: 'INVITATION_INVALID',
        });
        const confirmed = await http.raw('POST', '/email-changes/confirm', { body: { token } });
        expect(confirmed.status).toBe(204);
        expect(await http.client(owner.userId).members.get(organizationId, joined.userId)).toMatchObject({
          email: newEmail,
          pendingEmail: null,
        });
      });

      it('accepts as the signed-in user when there is one, and refuses one whose email is not invited', async () => {
        const { owner } = await seedOrganization(h, 'Join');
        const email = uniqueEmail('host');
        await h.orgkit.invitations.create(owner, { email, role: 'user' });
        const token = h.mailer.tokenFor(email)!;
        const stranger = await seedOrganization(h, 'Stranger');
        await expect(
          http.client(stranger.owner.userId).invitations.accept({ token, fullName: 'Not Me' }),
        ).rejects.toMatchObject({ code: 'FORBIDDEN', details: { reason: 'INVITATION_EMAIL_MISMATCH' } });
        const hostUserId = `host-user-${uniqueEmail('id')}`;
        const { member } = await http.client(hostUserId).invitations.accept({ token, fullName: 'Host User' });
        expect(member).toMatchObject({ userId: hostUserId, email });
      });
    });
  }

  describe(`HTTP over ${target.name}: a store that fails unexpectedly`, () => {
    let failing: Error | undefined;
    const store = memoryStore();
    const broken: Store = {
      ...store,
      listProjects: async (...args) => {
        if (failing) throw failing;
        return store.listProjects(...args);
      },
    };
    const h = useHarness(
      singleStore(() => broken),
      { shared: true },
    );
    const http = useHttpServer(target, () => h.orgkit);

    it('answers a bare 500 INTERNAL, with no error text, and hands the error to onError', async () => {
      const { organization, owner } = await h.orgkit.organizations.create({
        name: 'Broken',
        owner: { email: uniqueEmail('broken'), fullName: 'B' },
      });
      failing = new Error('connect ECONNREFUSED postgres://orgkit:hunter2@db.internal/prod');
      const answer = await http.raw('GET', `/organizations/${organization.id}/projects`, { user: owner.userId });
      expect(answer.status).toBe(500);
      expect(answer.json).toEqual({ error: { code: 'INTERNAL' } });
      expect(answer.text).not.toContain('hunter2');
      expect(http.errors).toHaveLength(1);
      expect(http.errors[0]!.error).toBe(failing);
      expect(http.errors[0]!.request).toBeDefined();
      await expect(http.client(owner.userId).projects.list(organization.id)).rejects.toMatchObject({
        name: 'OrgkitError',
        code: 'INTERNAL',
      });
      failing = undefined;
      expect((await http.client(owner.userId).projects.list(organization.id)).items).toEqual([]);
    });
  });
}
