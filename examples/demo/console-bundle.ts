/**
 * The demo serves the prebuilt console (dist/console/) through the adapter's
 * `console: true`. A fresh clone has no dist/, so the demo bundles it first,
 * as `npm run build` does with the library.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
// @ts-expect-error a plain .mjs script, typed by its use here
import { bundleConsole as bundleScript } from '../../scripts/console-bundle.mjs';

const bundle: (outdir: string) => Promise<unknown> = bundleScript;

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Bundles src/console into dist/console (well under a second), so the demo
 * never serves a stale console. Bundles aside and moves only changed files
 * in, each by an atomic rename: tests reading dist/console meanwhile never
 * see a half-written file.
 */
export async function bundleConsole(): Promise<void> {
  const target = join(root, 'dist/console');
  const aside = join(root, 'dist', `.console-${process.pid}`);
  await bundle(aside);
  mkdirSync(target, { recursive: true });
  for (const name of readdirSync(aside)) {
    const fresh = join(aside, name);
    const current = join(target, name);
    if (!existsSync(current) || !readFileSync(current).equals(readFileSync(fresh))) renameSync(fresh, current);
  }
  rmSync(aside, { recursive: true, force: true });
}
