/**
 * The served console page (`console: true`), the same checks on every
 * adapter: the page, its two scripts, the redirect to the trailing slash,
 * nothing else under `/console/`, and nothing at all without the option.
 */

import { once } from 'node:events';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error a plain .mjs script, typed by its use here
import { bundleConsole } from '../../../scripts/console-bundle.mjs';
import { orgkitExpress } from '../../../src/express.js';
import { createOrgkit } from '../../../src/index.js';
import { memoryStore } from '../../../src/memory.js';
import { MemoryMailer } from '../../../src/testing/memory-mailer.js';

/** Starts a host with orgkit at `/api`; answers its origin and how to stop it. */
export type ConsoleHost = (options: { console?: boolean }) => Promise<{ origin: string; close(): Promise<void> }>;

const dist = fileURLToPath(new URL('../../../dist/console', import.meta.url));

export function describeConsolePage(name: string, start: ConsoleHost): void {
  describe(`${name}: the console page`, () => {
    beforeAll(async () => {
      // The adapters serve the build's output; tests may run before any `npm run build`.
      if (!existsSync(`${dist}/index.html`)) await bundleConsole(dist);
    });

    it('serves the page, its scripts and a redirect to the trailing slash, with no sign-in', async () => {
      const host = await start({ console: true });
      try {
        const bare = await fetch(`${host.origin}/api/console?org-id=o1`, { redirect: 'manual' });
        expect(bare.status).toBe(308);
        expect(bare.headers.get('location')).toBe('/api/console/?org-id=o1');

        const page = await fetch(`${host.origin}/api/console/`);
        expect(page.status).toBe(200);
        expect(page.headers.get('content-type')).toMatch(/^text\/html/);
        expect(page.headers.get('content-security-policy')).toMatch(/connect-src 'self'/);
        expect(page.headers.get('x-content-type-options')).toBe('nosniff');
        const html = await page.text();
        expect(html).toContain('src="./orgkit-console.js"');
        expect(html).toContain('src="./page.js"');

        for (const script of ['orgkit-console.js', 'page.js']) {
          const answer = await fetch(`${host.origin}/api/console/${script}`);
          expect(answer.status, script).toBe(200);
          expect(answer.headers.get('content-type'), script).toMatch(/^text\/javascript/);
        }
        expect(await (await fetch(`${host.origin}/api/console/orgkit-console.js`)).text()).toContain('orgkit-console');
      } finally {
        await host.close();
      }
    });

    it('answers orgkit’s 404 for any other name, and reaches no other file', async () => {
      const host = await start({ console: true });
      try {
        for (const path of ['/api/console/package.json', '/api/console/..%2F..%2Fpackage.json', '/api/console/x/y']) {
          const answer = await fetch(`${host.origin}${path}`);
          expect(answer.status, path).toBe(404);
          expect((await answer.json()).error.code, path).toBe('NOT_FOUND');
        }
      } finally {
        await host.close();
      }
    });

    it('serves nothing without `console: true`', async () => {
      const host = await start({});
      try {
        expect((await fetch(`${host.origin}/api/console/`)).status).toBe(404);
      } finally {
        await host.close();
      }
    });
  });
}

/** An orgkit for a host that only serves the page. */
export const consoleOrgkit = () =>
  createOrgkit({
    store: memoryStore(),
    mailer: new MemoryMailer(),
    acceptUrl: (token) => `https://app.example/accept#${token}`,
    confirmEmailUrl: (token) => `https://app.example/confirm-email#${token}`,
  });

/** Express (whichever major `express` resolves to in the calling test file) with orgkit at `/api`. */
export const expressConsoleHost = async (options: { console?: boolean }) => {
  const app = express();
  app.use('/api', orgkitExpress(consoleOrgkit(), { authenticate: () => null, ...options }));
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
