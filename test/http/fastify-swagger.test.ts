/**
 * The Fastify plugin's routes carry JSON Schemas made from the zod schemas,
 * so @fastify/swagger documents every route of the table under the prefix.
 */
import swagger from '@fastify/swagger';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgkitFastify } from '../../src/fastify.js';
import { listRoutes } from '../../src/http/routes.js';
import { createHarness, type Harness } from '../support/harness.js';
import { singleStore } from './support/http-kit.js';

// biome-ignore lint/suspicious/noExplicitAny: OpenAPI objects are read field by field, each checked by the test.
type Loose = any;

describe('orgkitFastify with @fastify/swagger', () => {
  const app = Fastify();
  let spec: { paths: Record<string, Loose> };
  let h: Harness;

  beforeAll(async () => {
    h = await createHarness(singleStore());
    const { orgkit } = h;
    await app.register(swagger, { openapi: { openapi: '3.1.0', info: { title: 'host', version: '1' } } });
    await app.register(orgkitFastify, { prefix: '/api', orgkit, authenticate: () => null });
    await app.ready();
    spec = app.swagger() as typeof spec;
  });
  afterAll(async () => {
    await app.close();
    await h.close();
  });

  it('lists every route of the table under the prefix, with its operation id', () => {
    for (const { name, route } of listRoutes()) {
      const path = `/api${route.path.replace(/:([A-Za-z]+)/g, '{$1}')}`;
      const operation = spec.paths[path]?.[route.method.toLowerCase()];
      expect(operation, `${route.method} ${path}`).toBeDefined();
      expect(operation.operationId).toBe(name);
      expect(Object.keys(operation.responses)).toContain(String(route.status));
    }
  });

  it('shows query parameters, path parameters and request bodies from the zod schemas', () => {
    const list = spec.paths['/api/organizations/{orgId}/members']!.get;
    expect(
      list.parameters.map((parameter: { name: string; in: string }) => `${parameter.in}:${parameter.name}`),
    ).toEqual(expect.arrayContaining(['path:orgId', 'query:role', 'query:search', 'query:limit', 'query:cursor']));
    const invite = spec.paths['/api/organizations/{orgId}/invitations']!.post;
    const body = invite.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(['email', 'role']);
    expect(body.properties.role.enum).toEqual(['owner', 'admin', 'user']);
    const member = spec.paths['/api/organizations/{orgId}/members/{userId}']!.get.responses['200'];
    expect(member.content['application/json'].schema.properties.createdAt).toMatchObject({ format: 'date-time' });
  });

  it('leaves the host’s own routes and body parsing alone (the plugin is encapsulated)', async () => {
    const host = Fastify();
    host.post('/echo', async (request) => request.body);
    await host.register(orgkitFastify, { prefix: '/api', orgkit: h.orgkit, authenticate: () => null });
    const echoed = await host.inject({
      method: 'POST',
      url: '/echo',
      payload: 'plain',
      headers: { 'content-type': 'text/plain' },
    });
    expect(echoed.body).toBe('plain');
    expect((await host.inject({ method: 'GET', url: '/elsewhere' })).json()).toMatchObject({ error: 'Not Found' });
    await host.close();
  });
});
