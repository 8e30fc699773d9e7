/**
 * The `npm start` demo without a browser: seeded on first start only, its
 * development sign-in and Mailbox. test/browser drives it in Chromium.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningDemo, start } from '../../examples/demo/server.js';

describe('examples/demo (npm start)', () => {
  const directory = mkdtempSync(join(tmpdir(), 'orgkit-demo-test-'));
  const database = join(directory, 'orgkit-demo.db');
  let demo: RunningDemo;
  beforeAll(async () => {
    demo = await start({ port: 0, database });
  });
  afterAll(async () => {
    await demo?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const signIn = async (userId: string) => {
    const response = await fetch(`${demo.url}/dev/sign-in`, {
      method: 'POST',
      body: new URLSearchParams({ userId }),
      redirect: 'manual',
    });
    expect(response.status).toBe(303);
    return response.headers.get('set-cookie')?.split(';')[0] ?? '';
  };

  it('seeds Acme Robotics with an owner, an admin, a user, two projects and 300 generated members', async () => {
    expect(demo.seeded).toBe(true);
    const all = await demo.orgkit.members.list(demo.owner, { limit: 200, search: '@acme.example' });
    const rest = await demo.orgkit.members.list(demo.owner, { limit: 200, cursor: all.nextCursor! });
    expect(all.items.length + rest.items.length).toBe(303);
    const named = await demo.orgkit.members.list(demo.owner, { search: 'Sven Okafor' });
    expect(named.items).toMatchObject([{ email: 'sven.okafor@acme.example' }]);
    const projects = await demo.orgkit.projects.list(demo.owner);
    expect(projects.map((project) => project.name).sort()).toEqual(['Sales bots', 'Support bots']);
  });

  it('signs in through the development bar and lists the sent mail in the Mailbox', async () => {
    const owner = await signIn(demo.owner.userId);
    const page = await (await fetch(`${demo.url}/`, { headers: { cookie: owner } })).text();
    expect(page).toMatch(/<option value="[^"]+" selected>Olivia Owner \(owner\)<\/option>/);
    expect(page).toContain(`<orgkit-console api="/api" org-id="${demo.organizationId}">`);
    const invited = await fetch(`${demo.url}/api/organizations/${demo.organizationId}/invitations`, {
      method: 'POST',
      headers: { cookie: owner, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'new.hire@acme.example', role: 'user' }),
    });
    expect(invited.status).toBe(201);
    const mails = (await (await fetch(`${demo.url}/dev/mailbox`)).json()) as Array<{ to: string; link: string }>;
    expect(mails[0]).toMatchObject({ to: 'new.hire@acme.example', link: expect.stringMatching(/\/accept#/) });
  });

  it('does not seed again on the next start', async () => {
    await demo.close();
    demo = await start({ port: 0, database });
    expect(demo.seeded).toBe(false);
    const again = await demo.orgkit.members.list(demo.owner, { search: 'Sven Okafor' });
    expect(again.items).toHaveLength(1);
  });
});
