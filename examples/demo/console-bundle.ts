/**
 * The demo serves the prebuilt console (dist/console/) through the adapter's
 * `console: true`. A fresh clone has no dist/, so the demo bundles it first:
 * `npm run build` does the same, with the library.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Bundles src/console into dist/console (well under a second), so the demo never serves a stale console. */
export function bundleConsole(): void {
  execFileSync(process.execPath, ['scripts/console-bundle.mjs'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
}
