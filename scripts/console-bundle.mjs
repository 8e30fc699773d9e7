// Part of `npm run build`: the prebuilt console in dist/console/, for pages
// without a bundler and for the adapters' `console: true`. orgkit-console.js
// is every element with Lit inside, minified ESM; page.js mounts it; and
// index.html loads both. Fails when the bundle weighs more than 60 KiB
// gzipped, and prints its size.
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

export const CONSOLE_SIZE_LIMIT = 60 * 1024;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Bundles the console for browsers; writes to `outdir` unless it is `undefined`. Answers the bundle's code and sizes. */
export async function bundleConsole(outdir) {
  const options = {
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    legalComments: 'none',
    logLevel: 'silent',
    write: outdir !== undefined,
    metafile: true,
  };
  const elements = await build({
    ...options,
    entryPoints: [join(root, 'src/console.ts')],
    ...(outdir === undefined ? {} : { outfile: join(outdir, 'orgkit-console.js') }),
  });
  await build({
    ...options,
    entryPoints: [join(root, 'src/console/page.ts')],
    ...(outdir === undefined ? {} : { outfile: join(outdir, 'page.js') }),
  });
  if (outdir !== undefined) copyFileSync(join(root, 'src/console/page.html'), join(outdir, 'index.html'));
  const output = Object.keys(elements.metafile.outputs)[0];
  const code = outdir === undefined ? elements.outputFiles[0].contents : readFileSync(join(root, output));
  return {
    code,
    minified: code.byteLength,
    gzipped: gzipSync(code, { level: 9 }).byteLength,
    inputs: Object.keys(elements.metafile.inputs),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const outdir = join(root, 'dist/console');
  mkdirSync(outdir, { recursive: true });
  const { minified, gzipped } = await bundleConsole(outdir);
  const kib = (bytes) => (bytes / 1024).toFixed(1);
  if (gzipped > CONSOLE_SIZE_LIMIT) {
    console.error(
      `console-bundle: dist/console/orgkit-console.js is ${kib(gzipped)} KiB gzipped, over the 60 KiB budget.`,
    );
    process.exit(1);
  }
  console.log(
    `console-bundle: dist/console/orgkit-console.js is ${kib(minified)} KiB minified, ${kib(gzipped)} KiB gzipped (budget 60 KiB).`,
  );
}
