/** The route table's own rules: what every adapter, the client and the docs rely on. */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { permissionMatrix } from '../../src/access/default-matrix.js';
import { createHttpSchemas } from '../../src/http/http-schemas.js';
import { inputJsonSchema } from '../../src/http/json-schemas.js';
import { listRoutes } from '../../src/http/routes.js';

const routes = listRoutes();
const schemas = createHttpSchemas(permissionMatrix.roles) as unknown as Record<string, z.ZodType>;

describe('the route table', () => {
  it('has one route per method and path', () => {
    const keys = routes.map(({ route }) => `${route.method} ${route.path.replace(/:[A-Za-z]+/g, ':id')}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('names path parameters from the known ids only, the organization first', () => {
    for (const { name, route } of routes) {
      const params = [...route.path.matchAll(/:([A-Za-z]+)/g)].map(([, param]) => param);
      for (const param of params) expect(['orgId', 'userId', 'projectId', 'invitationId'], name).toContain(param);
      if (route.access === 'member') expect(params[0], name).toBe('orgId');
      else expect(params, name).not.toContain('orgId');
    }
  });

  it('reads a query only on GET and a body only on other methods', () => {
    for (const { name, route } of routes) {
      if (route.method === 'GET') expect(route.body, name).toBeUndefined();
      else expect(route.query, name).toBeUndefined();
    }
  });

  it('answers 204 exactly when a route has no response body', () => {
    for (const { name, route } of routes) expect(route.status === 204, name).toBe(route.response === undefined);
  });

  it('lets only the token routes be called without signing in, each taking its token from the body', () => {
    const open = routes.filter(({ route }) => route.access === 'public' || route.access === 'anyone');
    expect(open.map(({ name }) => name).sort()).toEqual([
      'invitations.accept',
      'invitations.preview',
      'members.confirmEmail',
    ]);
    for (const { route } of open) {
      const body = inputJsonSchema(schemas[route.body!]!);
      expect(body.required).toContain('token');
    }
  });

  it('gives each client argument a field of the body it wraps', () => {
    for (const { name, route } of routes.filter(({ route }) => route.argument !== undefined)) {
      const body = inputJsonSchema(schemas[route.body!]!);
      expect(Object.keys(body.properties as object), name).toEqual([route.argument]);
    }
  });
});
