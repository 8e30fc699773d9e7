/**
 * Type-level expectations for the adapters: they take an orgkit of any
 * matrix, and their hooks see the framework's own request types.
 */
import express from 'express';
import Fastify from 'fastify';
import { orgkitExpress } from '../../src/express.js';
import { orgkitFastify } from '../../src/fastify.js';
import { orgkitFetchHandler } from '../../src/http.js';
import { createOrgkit, defineMatrix, type Mailer, permissionMatrix, type Store } from '../../src/index.js';

declare const store: Store;
declare const mailer: Mailer;
const matrix = defineMatrix({ extends: permissionMatrix, roles: { viewer: { rank: 5 } } });
const orgkit = createOrgkit({ store, mailer, acceptUrl: (token) => token, confirmEmailUrl: (token) => token, matrix });

export async function mount() {
  const app = express();
  app.use(
    '/api',
    orgkitExpress(orgkit, {
      authenticate: (request) => request.get('x-user') ?? null,
      onAccepted: ({ member }, _request, response) => {
        const role: 'owner' | 'admin' | 'user' | 'viewer' = member.role;
        response.cookie('session', role);
      },
    }),
  );
  const fastify = Fastify();
  await fastify.register(orgkitFastify, {
    prefix: '/api',
    orgkit,
    authenticate: async (request) => (request.headers['x-user'] as string | undefined) ?? null,
    onAccepted: ({ user }, _request, reply) => {
      reply.header('set-cookie', `session=${user.id}`);
    },
  });
  const handler = orgkitFetchHandler(orgkit, {
    authenticate: (request) => request.headers.get('x-user'),
    onAccepted: ({ user }, _request, response) => response.headers.append('set-cookie', `session=${user.id}`),
  });
  // @ts-expect-error authenticate is required
  orgkitFetchHandler(orgkit, { basePath: '/api' });
  return handler;
}
