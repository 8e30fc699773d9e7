/**
 * A complete small Express host: its own (development) sign-in, orgkit
 * mounted at /api, and the accept page an invitation links to, which signs
 * the new member in through `onAccepted`. Run it with `npm run example:express`
 * (PORT to choose the port); mail goes to the console.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { devSessions } from '../../examples/shared/dev-session.js';
import {
  demoPeople,
  openExampleOrgkit,
  type RunningExample,
  type StartOptions,
} from '../../examples/shared/example-orgkit.js';
import { acceptPage, confirmEmailPage, homePage } from '../../examples/shared/pages.js';
import { orgkitExpress } from '../../src/express.js';

/**
 * Starts the example.
 *
 * ```ts
 * const example = await start({ port: 0, database: ':memory:' });
 * await fetch(`${example.url}/`);
 * await example.close();
 * ```
 */
export async function start(options: StartOptions): Promise<RunningExample> {
  let url = '';
  const example = await openExampleOrgkit({ database: options.database, baseUrl: () => url, mailer: options.mailer });
  const sessions = devSessions();
  const app = express();

  app.get('/', async (request, response) => {
    response.type('html').send(homePage(await demoPeople(example), sessions.read(request.headers.cookie)));
  });
  // Development only: signs in as anyone. A real host has its own sign-in here.
  app.get('/dev/sign-in/:userId', (request, response) => {
    response.setHeader('set-cookie', sessions.issue(request.params.userId));
    response.redirect('/');
  });
  app.get('/dev/sign-out', (_request, response) => {
    response.setHeader('set-cookie', sessions.clear());
    response.redirect('/');
  });
  app.get('/accept', (_request, response) => {
    response.type('html').send(acceptPage());
  });
  app.get('/confirm-email', (_request, response) => {
    response.type('html').send(confirmEmailPage());
  });
  app.use(
    '/api',
    orgkitExpress(example.orgkit, {
      authenticate: (request) => sessions.read(request.headers.cookie),
      // The invitee has just proven they own the address: sign them in.
      onAccepted: ({ user }, _request, response) => {
        response.setHeader('set-cookie', sessions.issue(user.id));
      },
    }),
  );

  const server = app.listen(options.port);
  await once(server, 'listening');
  url = `http://localhost:${(server.address() as AddressInfo).port}`;
  return {
    ...example,
    url,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await example.orgkit.close();
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const example = await start({ port: Number(process.env.PORT ?? 3000), database: 'orgkit-example.sqlite' });
  console.log(`orgkit Express example on ${example.url}`);
}
