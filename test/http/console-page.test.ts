/** `console: true` on Express 5 and Fastify (Express 4: express4-console-page.test.ts). */
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { orgkitFastify } from '../../src/fastify.js';
import { consoleOrgkit, describeConsolePage, expressConsoleHost } from './support/console-page.js';

describeConsolePage('Express 5', expressConsoleHost);

describeConsolePage('Fastify', async (options) => {
  const app = Fastify();
  await app.register(orgkitFastify, { prefix: '/api', orgkit: consoleOrgkit(), authenticate: () => null, ...options });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { origin: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, close: () => app.close() };
});
