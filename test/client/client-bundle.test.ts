/**
 * orgkit/client as a browser bundles it: no zod, kysely or driver, no Node
 * built-in, nothing of the services or stores; and small. Built in memory
 * from the sources, so it needs no prior `npm run build` (CI also measures
 * the built dist/client.js with scripts/client-size.mjs).
 */
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error a plain .mjs script, typed by its use here
import { CLIENT_SIZE_LIMIT, measureClient } from '../../scripts/client-size.mjs';

const entry = fileURLToPath(new URL('../../src/client.ts', import.meta.url));

describe('the orgkit/client bundle', () => {
  let bundle: { gzipped: number; inputs: string[]; code: Uint8Array };
  beforeAll(async () => {
    bundle = await measureClient(entry);
  });

  it('takes in only browser-safe orgkit files', () => {
    expect(bundle.inputs.filter((input) => input.includes('node_modules'))).toEqual([]);
    const allowed = /^src\/(client\.ts|client\/|errors\.ts|http\/(routes|route|response-shapes)\.ts)/;
    expect(bundle.inputs.filter((input) => !allowed.test(input))).toEqual([]);
    expect(bundle.inputs).toContain('src/errors.ts');
  });

  it('imports nothing at run time: no zod, kysely, driver or Node built-in', () => {
    const code = new TextDecoder().decode(bundle.code);
    expect(code).not.toMatch(/\bfrom\s*["']|\bimport\s*\(|\brequire\s*\(/);
    expect(code).not.toMatch(/["'](zod|kysely|better-sqlite3|pg|node:[a-z_/]+)["']/);
    expect(code).not.toMatch(/\bBuffer\b|\bprocess\./);
  });

  it(`stays under ${CLIENT_SIZE_LIMIT / 1024} KiB minified and gzipped`, () => {
    expect(bundle.gzipped).toBeGreaterThan(500);
    expect(bundle.gzipped).toBeLessThan(CLIENT_SIZE_LIMIT);
  });
});
