/**
 * The prebuilt console as scripts/console-bundle.mjs makes it (built in
 * memory from the sources): every element, Lit inside, nothing of the
 * server, within the 60 KiB budget. `npm run build` fails over the budget.
 */
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error a plain .mjs script, typed by its use here
import { bundleConsole, CONSOLE_SIZE_LIMIT } from '../../scripts/console-bundle.mjs';
import { ELEMENTS } from '../../src/console/define.js';

describe('the prebuilt console bundle', () => {
  let bundle: { code: Uint8Array; gzipped: number; inputs: string[] };
  beforeAll(async () => {
    bundle = await bundleConsole(undefined);
  });

  it('takes in Lit, date-fns-tz and orgkit’s browser-safe files only', () => {
    const foreign = bundle.inputs.filter((input) => input.includes('node_modules'));
    expect(foreign.length).toBeGreaterThan(0);
    for (const input of foreign)
      expect(input).toMatch(/node_modules\/(lit|lit-html|lit-element|@lit|date-fns|date-fns-tz)\//);
    const ours = bundle.inputs.filter((input) => !input.includes('node_modules'));
    const allowed = /^src\/(console\.ts|console\/|client\/|errors\.ts|http\/(routes|route|response-shapes)\.ts)/;
    expect(ours.filter((input) => !allowed.test(input))).toEqual([]);
  });

  it('defines every element and imports nothing at run time', () => {
    const code = new TextDecoder().decode(bundle.code);
    for (const name of Object.keys(ELEMENTS)) expect(code).toContain(`"${name}"`);
    expect(code).not.toMatch(/\bimport\s*\(|\brequire\s*\(|\bfrom\s*["']/);
    expect(code).not.toMatch(/["'](zod|kysely|node:[a-z_/]+)["']/);
  });

  it(`stays within ${CONSOLE_SIZE_LIMIT / 1024} KiB minified and gzipped`, () => {
    expect(bundle.gzipped).toBeGreaterThan(5_000);
    expect(bundle.gzipped).toBeLessThanOrEqual(CONSOLE_SIZE_LIMIT);
  });
});
