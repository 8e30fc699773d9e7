/**
 * The HTTP servers the scenario suite runs against: each adapter mounted
 * at `/api` on a real socket (port 0), with the same test sign-in (the
 * `x-user-id` header) and the same hooks.
 */

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import Fastify from 'fastify';
import type { Orgkit } from '../../../src/create-orgkit.js';
import { orgkitExpress } from '../../../src/express.js';
import { orgkitFastify } from '../../../src/fastify.js';
import type { AcceptedInvitation } from '../../../src/http/route-runner.js';
import { orgkitFetchHandler } from '../../../src/http.js';
import { serveFetchHandler } from './node-fetch-server.js';

export const USER_HEADER = 'x-user-id';

/** What the suite observes of the host's hooks. */
export interface HostHooks {
  /** Called by every adapter's `onAccepted`, with a way to set a cookie through that adapter's reply. */
  onAccepted(accepted: AcceptedInvitation, setCookie: (cookie: string) => void): void | Promise<void>;
  onError(error: unknown, request: unknown): void;
  /** Called by `authenticate`; may throw to test a failing sign-in. */
  onAuthenticate(header: string | null): void;
}

export interface RunningServer {
  /** `http://127.0.0.1:<port>/api` */
  baseUrl: string;
  close(): Promise<void>;
}

export interface HttpTarget {
  name: string;
  start(orgkit: Orgkit, hooks: HostHooks): Promise<RunningServer>;
}

const userFrom = (hooks: HostHooks, header: string | string[] | null | undefined) => {
  const value = typeof header === 'string' ? header : null;
  hooks.onAuthenticate(value);
  return value;
};

async function listen(server: Server): Promise<RunningServer> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/api`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Express, whichever major version `express` resolves to in the calling test file. */
export const expressTarget = (name: string): HttpTarget => ({
  name,
  async start(orgkit, hooks) {
    const app = express();
    app.use(
      '/api',
      orgkitExpress(orgkit, {
        authenticate: (request) => userFrom(hooks, request.get(USER_HEADER)),
        onAccepted: (accepted, _request, response) =>
          hooks.onAccepted(accepted, (cookie) => response.append('set-cookie', cookie)),
        onError: (error, request) => hooks.onError(error, request),
      }),
    );
    return listen(createServer(app));
  },
});

export const fastifyTarget: HttpTarget = {
  name: 'fastify',
  async start(orgkit, hooks) {
    const app = Fastify();
    await app.register(orgkitFastify, {
      prefix: '/api',
      orgkit,
      authenticate: (request) => userFrom(hooks, request.headers[USER_HEADER]),
      onAccepted: (accepted, _request, reply) =>
        hooks.onAccepted(accepted, (cookie) => reply.header('set-cookie', cookie)),
      onError: (error, request) => hooks.onError(error, request),
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    return { baseUrl: `http://127.0.0.1:${port}/api`, close: () => app.close() };
  },
};

export const fetchTarget: HttpTarget = {
  name: 'fetch handler on node:http',
  async start(orgkit, hooks) {
    const handler = orgkitFetchHandler(orgkit, {
      basePath: '/api',
      authenticate: (request) => userFrom(hooks, request.headers.get(USER_HEADER)),
      onAccepted: (accepted, _request, response) =>
        hooks.onAccepted(accepted, (cookie) => response.headers.append('set-cookie', cookie)),
      onError: (error, request) => hooks.onError(error, request),
    });
    return listen(serveFetchHandler(handler));
  },
};
