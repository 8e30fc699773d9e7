/**
 * The `npm start` demo: an Express host serving orgkit's Users & Roles
 * console on a SQLite file, with a development sign-in and a development
 * Mailbox standing in for the host's own sign-in and mail server.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { orgkitExpress } from '../../src/express.js';
import { devSessions } from '../shared/dev-session.js';
import { bundleConsole } from './console-bundle.js';
import { type DemoOrgkit, openDemoOrgkit } from './demo-orgkit.js';
import { acceptPage, confirmEmailPage, consolePage, type SignInChoice } from './pages.js';
import { ADMIN, ORGANIZATION_NAME, OWNER, USER } from './seed.js';

export interface DemoOptions {
  /** 0 picks a free port. */
  port: number;
  /** A SQLite file, or `:memory:`. */
  database: string;
}

/** A started demo: its URL and data, and how to stop it. */
export interface RunningDemo extends DemoOrgkit {
  url: string;
  close(): Promise<void>;
}

const CONSOLE_SCRIPT = '/api/console/orgkit-console.js';

/** Everyone the development sign-in offers: the seeded roles first, then everyone else by name. */
async function signInChoices({ orgkit, owner }: DemoOrgkit) {
  const everyone: SignInChoice[] = [];
  let cursor: string | undefined;
  do {
    const page = await orgkit.members.list(owner, { limit: 200, ...(cursor === undefined ? {} : { cursor }) });
    everyone.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  const order = [OWNER.email, ADMIN.email, USER.email];
  const featured = order.flatMap((email) => everyone.filter((choice) => choice.email === email));
  const others = everyone
    .filter((choice) => !featured.includes(choice))
    .sort((a, b) => a.fullName.localeCompare(b.fullName));
  return { featured, others };
}

/**
 * Starts the demo.
 *
 * ```ts
 * const demo = await start({ port: 0, database: ':memory:' });
 * await fetch(`${demo.url}/`);
 * await demo.close();
 * ```
 */
export async function start(options: DemoOptions): Promise<RunningDemo> {
  let url = '';
  await bundleConsole();
  const demo = await openDemoOrgkit({ database: options.database, baseUrl: () => url });
  const sessions = devSessions();
  const app = express();

  app.get('/', async (request, response) => {
    const { featured, others } = await signInChoices(demo);
    response.type('html').send(
      consolePage({
        organizationId: demo.organizationId,
        organizationName: ORGANIZATION_NAME,
        featured,
        others,
        signedIn: sessions.read(request.headers.cookie),
        consoleScript: CONSOLE_SCRIPT,
      }),
    );
  });
  // Development only: signs in as anyone. A real host has its own sign-in here.
  app.post('/dev/sign-in', express.urlencoded({ extended: false }), (request, response) => {
    const userId = String(request.body?.userId ?? '');
    if (userId !== '') response.setHeader('set-cookie', sessions.issue(userId));
    response.redirect(303, '/');
  });
  app.post('/dev/sign-out', (_request, response) => {
    response.setHeader('set-cookie', sessions.clear());
    response.redirect(303, '/');
  });
  // Development only: the mails a real host would have sent.
  app.get('/dev/mailbox', (_request, response) => {
    response.json(demo.mailbox.entries());
  });
  app.get('/favicon.ico', (_request, response) => {
    response.status(204).end();
  });
  app.get('/accept', (_request, response) => {
    response.type('html').send(acceptPage(CONSOLE_SCRIPT));
  });
  app.get('/confirm-email', (_request, response) => {
    response.type('html').send(confirmEmailPage(CONSOLE_SCRIPT));
  });
  app.use(
    '/api',
    orgkitExpress(demo.orgkit, {
      authenticate: (request) => sessions.read(request.headers.cookie),
      console: true,
      // The invitee has just proven they own the address: sign them in.
      onAccepted: ({ user }, _request, response) => {
        response.setHeader('set-cookie', sessions.issue(user.id));
      },
    }),
  );

  // Loopback only: the development sign-in lets anyone be anyone.
  const server = app.listen(options.port, '127.0.0.1');
  await once(server, 'listening');
  url = `http://localhost:${(server.address() as AddressInfo).port}`;
  return {
    ...demo,
    url,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await demo.orgkit.close();
    },
  };
}
