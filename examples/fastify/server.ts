/**
 * A complete small Fastify host: its own (development) sign-in, orgkit
 * registered under /api, and the accept page an invitation links to, which
 * signs the new member in through `onAccepted`. Run it with
 * `npm run example:fastify` (PORT to choose the port); mail goes to the console.
 */
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import { devSessions } from '../../examples/shared/dev-session.js';
import {
  demoPeople,
  openExampleOrgkit,
  type RunningExample,
  type StartOptions,
} from '../../examples/shared/example-orgkit.js';
import { acceptPage, confirmEmailPage, homePage } from '../../examples/shared/pages.js';
import { orgkitFastify } from '../../src/fastify.js';

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
  const app = Fastify();

  app.get('/', async (request, reply) =>
    reply.type('text/html').send(homePage(await demoPeople(example), sessions.read(request.headers.cookie))),
  );
  // Development only: signs in as anyone. A real host has its own sign-in here.
  app.get<{ Params: { userId: string } }>('/dev/sign-in/:userId', async (request, reply) =>
    reply.header('set-cookie', sessions.issue(request.params.userId)).redirect('/'),
  );
  app.get('/dev/sign-out', async (_request, reply) => reply.header('set-cookie', sessions.clear()).redirect('/'));
  app.get('/accept', async (_request, reply) => reply.type('text/html').send(acceptPage()));
  app.get('/confirm-email', async (_request, reply) => reply.type('text/html').send(confirmEmailPage()));
  await app.register(orgkitFastify, {
    prefix: '/api',
    orgkit: example.orgkit,
    authenticate: (request) => sessions.read(request.headers.cookie),
    // The invitee has just proven they own the address: sign them in.
    onAccepted: ({ user }, _request, reply) => {
      reply.header('set-cookie', sessions.issue(user.id));
    },
  });

  await app.listen({ port: options.port, host: 'localhost' });
  const address = app.server.address();
  url = `http://localhost:${typeof address === 'object' && address !== null ? address.port : options.port}`;
  return {
    ...example,
    url,
    async close() {
      await app.close();
      await example.orgkit.close();
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const example = await start({ port: Number(process.env.PORT ?? 3000), database: 'orgkit-example.sqlite' });
  console.log(`orgkit Fastify example on ${example.url}`);
}
