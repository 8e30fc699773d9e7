/**
 * The Express and Fastify examples, started on port 0 over an in-memory
 * SQLite database and driven as a browser would: sign in, invite, accept
 * (signed in by `onAccepted`), then use the API as the new member.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start as startExpress } from '../../examples/express/server.js';
import { start as startFastify } from '../../examples/fastify/server.js';
import type { RunningExample, StartOptions } from '../../examples/shared/example-orgkit.js';
import { MemoryMailer } from '../../src/testing/memory-mailer.js';

const cookieOf = (response: Response) => response.headers.get('set-cookie')?.split(';')[0] ?? '';

for (const [name, start] of [
  ['express', startExpress],
  ['fastify', startFastify],
] as Array<[string, (options: StartOptions) => Promise<RunningExample>]>) {
  describe(`examples/${name}`, () => {
    const mailer = new MemoryMailer();
    let example: RunningExample;
    beforeAll(async () => {
      example = await start({ port: 0, database: ':memory:', mailer });
    });
    afterAll(() => example.close());

    const get = (path: string, cookie = '') =>
      fetch(`${example.url}${path}`, { headers: { cookie }, redirect: 'manual' });
    const json = (method: string, path: string, cookie: string, body?: unknown) =>
      fetch(`${example.url}/api${path}`, {
        method,
        headers: { cookie, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });

    it('serves the seeded organization, its sign-in and accept pages', async () => {
      const home = await (await get('/')).text();
      expect(home).toContain('Olivia Owner');
      expect(home).toContain('Ada Admin');
      expect(await (await get('/accept')).text()).toContain('location.hash');
      expect((await json('GET', `/organizations/${example.organizationId}`, '')).status).toBe(401);
    });

    it('invites, accepts with the link from the mail (signed in by onAccepted), and works as the new member', async () => {
      const signIn = await get(`/dev/sign-in/${example.owner.userId}`);
      expect(signIn.status).toBe(302);
      const owner = cookieOf(signIn);
      expect(owner).toMatch(/^orgkit_dev_session=/);

      const invited = await json('POST', `/organizations/${example.organizationId}/invitations`, owner, {
        email: 'uma@acme.example',
        role: 'user',
      });
      expect(invited.status).toBe(201);
      const mail = mailer.lastTo('uma@acme.example')!;
      const link = mail.kind === 'invitation' ? mail.acceptUrl : '';
      expect(link).toMatch(new RegExp(`^${example.url}/accept#`));
      const token = link.split('#')[1]!;

      expect(await (await json('POST', '/invitations/preview', '', { token })).json()).toMatchObject({
        organizationName: 'Acme Robotics',
        role: 'user',
      });
      const accepted = await json('POST', '/invitations/accept', '', { token, fullName: 'Uma User' });
      expect(accepted.status).toBe(200);
      const uma = cookieOf(accepted);
      expect(uma).toMatch(/^orgkit_dev_session=/);

      const mine = (await (await json('GET', '/me/organizations', uma)).json()) as { items: unknown[] };
      expect(mine.items).toMatchObject([{ organization: { name: 'Acme Robotics' }, role: 'user' }]);
      expect((await json('GET', `/organizations/${example.organizationId}/members`, uma)).status).toBe(403);
      expect(await (await get('/', uma)).text()).toContain('Signed in as <b>Uma User</b>');
    });

    it('refuses a forged session cookie', async () => {
      const forged = `orgkit_dev_session=${Buffer.from(example.owner.userId).toString('base64url')}.forged`;
      expect((await json('GET', '/me/organizations', forged)).status).toBe(401);
    });
  });
}
