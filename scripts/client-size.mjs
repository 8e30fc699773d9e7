// After `npm run build`: bundles orgkit/client as a browser app would
// (esbuild, minified) and fails when the bundle pulls in anything but
// orgkit's own browser-safe files (no zod, kysely or driver, no Node
// built-in) or weighs more than 8 KB gzipped. Prints the size for the README.
import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

export const CLIENT_SIZE_LIMIT = 8 * 1024;

/** Bundles `entry` for browsers; answers the gzipped size and the files it took in. */
export async function measureClient(entry) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  return { gzipped: gzipSync(code, { level: 9 }).byteLength, inputs: Object.keys(result.metafile.inputs), code };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const entry = 'dist/client.js';
  if (!existsSync(entry)) {
    console.error('client-size: dist/client.js is missing; run npm run build first.');
    process.exit(1);
  }
  const { gzipped, inputs } = await measureClient(entry);
  const foreign = inputs.filter((input) => input.includes('node_modules'));
  const kib = (gzipped / 1024).toFixed(1);
  if (foreign.length > 0) {
    console.error(`client-size: orgkit/client bundles ${foreign.join(', ')}; it must stay free of dependencies.`);
    process.exit(1);
  }
  if (gzipped > CLIENT_SIZE_LIMIT) {
    console.error(`client-size: orgkit/client is ${kib} KiB minified and gzipped, over the 8 KiB limit.`);
    process.exit(1);
  }
  console.log(`client-size: orgkit/client is ${kib} KiB minified and gzipped (${gzipped} bytes; limit 8 KiB).`);
}
