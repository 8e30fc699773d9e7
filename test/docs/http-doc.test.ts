import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HTTP_DOC, renderHttpDoc, renderRouteTable } from '../../scripts/http-doc.js';
import { listRoutes } from '../../src/http/routes.js';

describe('docs/http.md', () => {
  const doc = readFileSync(HTTP_DOC, 'utf8');

  it('shows the route table the code has (run `npm run docs:http` after changing a route)', () => {
    expect(doc).toBe(renderHttpDoc(doc));
  });

  it('lists every route, and would change with the table', () => {
    const table = renderRouteTable();
    for (const { route } of listRoutes()) expect(table).toMatch(`| \`${route.method} ${route.path}\` `);
    expect(table).toContain('| `PUT /organizations/:orgId/members/:userId/status` ');
    expect(table).toContain('`members.setStatus(orgId, userId, status)`');
    const fewer = renderRouteTable(listRoutes().slice(1));
    expect(fewer).not.toBe(table);
  });

  it('refuses a page that lost its markers', () => {
    expect(() => renderHttpDoc('# no markers')).toThrow(/markers/);
  });
});
