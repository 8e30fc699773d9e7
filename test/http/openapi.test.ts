/**
 * The OpenAPI document: valid OpenAPI 3.1, one operation per route of the
 * table (a route missing from it fails here), typed by the matrix in use, and
 * true to what the server answers: real responses validate against it.
 */
import { validate } from '@readme/openapi-parser';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it, onTestFinished } from 'vitest';
import { permissionMatrix } from '../../src/access/default-matrix.js';
import { defineMatrix } from '../../src/access/matrix.js';
import { listRoutes } from '../../src/http/routes.js';
import { openApiDocument, orgkitFetchHandler } from '../../src/http.js';
import { createHarness } from '../support/harness.js';
import { singleStore } from './support/http-kit.js';

// biome-ignore lint/suspicious/noExplicitAny: OpenAPI objects are read field by field, each checked by the test.
type Loose = any;

const toOpenApiPath = (path: string) => path.replace(/:([A-Za-z]+)/g, '{$1}');

describe('openApiDocument', () => {
  const document = openApiDocument({ basePath: '/api' });

  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await validate(structuredClone(document) as never);
    expect(result.valid ? [] : result.errors).toEqual([]);
    expect(document.openapi).toBe('3.1.0');
    expect(document.servers).toEqual([{ url: '/api' }]);
  });

  it('has one operation for each route of the table, and no other', () => {
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations).map(
        ([method, operation]) => `${method.toUpperCase()} ${path} ${operation.operationId}`,
      ),
    );
    const routes = listRoutes().map(({ name, route }) => `${route.method} ${toOpenApiPath(route.path)} ${name}`);
    expect(documented.sort()).toEqual(routes.sort());
  });

  it('documents each route’s success, parameters, body and error answers', () => {
    for (const { name, route } of listRoutes()) {
      const operation = document.paths[toOpenApiPath(route.path)]![route.method.toLowerCase()] as Loose;
      expect(Object.keys(operation.responses), name).toContain(String(route.status));
      expect(operation.responses['500'], name).toEqual({ $ref: '#/components/responses/Internal' });
      expect(Boolean(operation.requestBody), name).toBe(route.body !== undefined);
      expect(Boolean(operation.responses['401']), name).toBe(route.access !== 'public' && route.access !== 'anyone');
      const pathParams = (operation.parameters ?? []).filter((parameter: { in: string }) => parameter.in === 'path');
      expect(
        pathParams.map((parameter: { name: string }) => parameter.name),
        name,
      ).toEqual([...route.path.matchAll(/:([A-Za-z]+)/g)].map(([, param]) => param));
    }
    const list = document.paths['/organizations/{orgId}/members']!.get as Loose;
    expect(list.parameters.map((parameter: { name: string }) => parameter.name)).toEqual([
      'orgId',
      'role',
      'status',
      'search',
      'limit',
      'cursor',
    ]);
    const accept = document.paths['/invitations/accept']!.post as Loose;
    expect(accept.requestBody.content['application/json'].schema).toMatchObject({
      type: 'object',
      required: ['token', 'fullName'],
      additionalProperties: false,
    });
  });

  it('takes roles and permissions from the matrix in use', () => {
    const matrix = defineMatrix({
      extends: permissionMatrix,
      roles: { viewer: { rank: 5 } },
      permissions: { 'billing:read': { owner: 'all' } },
    });
    const custom = openApiDocument({ matrix });
    const member = custom.components.schemas.Member as { properties: { role: { enum: string[] } } };
    expect(member.properties.role.enum).toContain('viewer');
    const access = custom.components.schemas.Access as { properties: { permissions: { $ref?: string } } };
    expect(JSON.stringify(access)).toContain('billing:read');
    const invite = custom.paths['/organizations/{orgId}/invitations']!.post as Loose;
    expect(invite.requestBody.content['application/json'].schema.properties.role.enum).toContain('viewer');
  });
});

describe('the server’s answers', () => {
  const document = openApiDocument();
  const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
  ajv.addSchema({ $id: 'orgkit', components: document.components } as never);
  const check = (schema: unknown, value: unknown, label: string) => {
    const rebased = JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"orgkit#/components/'));
    const valid = ajv.validate(rebased, value);
    expect(valid ? [] : ajv.errors, label).toEqual([]);
  };

  it('validate against the documented schemas, successes and errors alike', async () => {
    const { orgkit, mailer, close } = await createHarness(singleStore());
    onTestFinished(close);
    const handler = orgkitFetchHandler(orgkit, { authenticate: (request) => request.headers.get('x-user-id') });
    const { organization, owner } = await orgkit.organizations.create({
      name: 'Documented',
      owner: { email: 'owner@documented.test', fullName: 'Owner' },
    });
    const actor = { userId: owner.userId, organizationId: organization.id };
    const project = await orgkit.projects.create(actor, { name: 'P' });
    await orgkit.invitations.create(actor, { email: 'uma@documented.test', role: 'user', projectIds: [project.id] });
    const token = mailer.tokenFor('uma@documented.test')!;
    const org = `/organizations/${organization.id}`;
    const steps: Array<[string, string, unknown?]> = [
      ['GET', '/me/organizations'],
      ['GET', org],
      ['PATCH', org, { settings: { theme: { dark: true, accents: ['red', 1, null] } } }],
      ['GET', `${org}/access`],
      ['GET', `${org}/members?limit=1`],
      ['GET', `${org}/members/${owner.userId}`],
      ['GET', `${org}/audit-events`],
      ['GET', `${org}/invitations`],
      ['POST', `${org}/invitations`, { email: 'ada@documented.test', role: 'admin' }],
      ['GET', `${org}/projects`],
      ['POST', `${org}/projects`, { name: 'Q' }],
      ['PATCH', `${org}/projects/${project.id}`, { name: 'P2' }],
      ['POST', '/invitations/preview', { token }],
      ['POST', '/invitations/accept', { token, fullName: 'Uma' }],
      ['GET', `${org}/members/nobody`],
      ['POST', `${org}/projects`, { name: '' }],
      ['POST', '/invitations/preview', { token }],
      ['GET', '/nope'],
    ];
    for (const [method, path, body] of steps) {
      const response = await handler(
        new Request(`http://localhost${path}`, {
          method,
          headers: { 'x-user-id': owner.userId, 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        }),
      );
      const json = await response.json();
      const route = listRoutes().find(
        ({ route }) =>
          route.method === method &&
          new RegExp(`^${route.path.replace(/:[A-Za-z]+/g, '[^/]+')}$`).test(path.split('?')[0]!),
      );
      const label = `${method} ${path} → ${response.status}`;
      if (response.ok) {
        const operation = document.paths[toOpenApiPath(route!.route.path)]![method.toLowerCase()] as Loose;
        check(operation.responses[String(response.status)].content['application/json'].schema, json, label);
      } else {
        check({ $ref: '#/components/schemas/Error' }, json, label);
      }
    }
  });
});
