/**
 * A host that runs `express.json()` for its whole app before orgkit's
 * router: orgkit uses what it parsed, and still holds its own limits.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgkitExpress } from '../../src/express.js';
import { createHarness, type Harness, seedOrganization } from '../support/harness.js';
import { singleStore } from './support/http-kit.js';

describe('orgkitExpress behind a host-wide express.json()', () => {
  let h: Harness;
  let url = '';
  const server = createServer();
  beforeAll(async () => {
    h = await createHarness(singleStore());
    const app = express();
    app.use(express.json({ limit: '1mb' }));
    app.use('/api', orgkitExpress(h.orgkit, { authenticate: (request) => request.get('x-user-id') ?? null }));
    server.on('request', app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await h.close();
  });

  const post = (path: string, user: string, body: unknown) =>
    fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-user-id': user },
      body: JSON.stringify(body),
    });

  it('uses the body the host parsed', async () => {
    const { owner, organizationId } = await seedOrganization(h);
    const created = await post(`/organizations/${organizationId}/projects`, owner.userId, { name: 'Parsed' });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ name: 'Parsed' });
  });

  it('still refuses a body over 64 KiB, and a body that is not an object', async () => {
    const { owner, organizationId } = await seedOrganization(h);
    const path = `/organizations/${organizationId}/projects`;
    expect((await post(path, owner.userId, { name: 'x'.repeat(70 * 1024) })).status).toBe(413);
    expect((await post(path, owner.userId, ['not', 'an', 'object'])).status).toBe(400);
  });
});
