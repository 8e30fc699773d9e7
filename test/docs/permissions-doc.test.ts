import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PERMISSIONS_DOC, renderPermissionsDoc } from '../../scripts/permissions-doc.js';
import { permissionMatrix } from '../../src/access/default-matrix.js';
import { defineMatrix } from '../../src/access/matrix.js';

describe('docs/permissions.md', () => {
  it('is what permissionMatrix renders (run `npm run docs:permissions` after changing the matrix)', () => {
    expect(readFileSync(PERMISSIONS_DOC, 'utf8')).toBe(renderPermissionsDoc());
  });

  it('shows every grant of the matrix, and would change with it', () => {
    const doc = renderPermissionsDoc();
    for (const permission of permissionMatrix.permissions) expect(doc).toMatch(`| \`${permission}\` `);
    expect(doc).toMatch(/\| `admin` +\| 20 +\| admin, user +\| admin, user +\|/);
    const changed = defineMatrix({ extends: permissionMatrix, permissions: { 'audit:read': { user: 'all' } } });
    expect(renderPermissionsDoc(changed)).not.toBe(doc);
  });

  it('refuses a permission it cannot describe', () => {
    const extended = defineMatrix({ extends: permissionMatrix, permissions: { 'billing:read': { owner: 'all' } } });
    expect(() => renderPermissionsDoc(extended)).toThrow(/billing:read/);
  });
});
