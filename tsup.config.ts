import { defineConfig, type Options } from 'tsup';

const entry = {
  index: 'src/index.ts',
  memory: 'src/memory.ts',
  sqlite: 'src/sqlite.ts',
  postgres: 'src/postgres.ts',
  kysely: 'src/kysely.ts',
  store: 'src/store.ts',
  http: 'src/http.ts',
  express: 'src/express.ts',
  fastify: 'src/fastify.ts',
  client: 'src/client.ts',
  cli: 'src/cli.ts',
};

const shared: Options = {
  dts: true,
  sourcemap: true,
  target: 'node20',
  splitting: true,
  treeshake: true,
  // Drivers, web frameworks and vitest are peer dependencies; the rest are dependencies.
  external: ['better-sqlite3', 'pg', 'express', 'fastify', 'vitest', 'kysely', 'zod', 'lit', 'date-fns-tz'],
};

/**
 * One bundle per entry point of the package. `orgkit/testing` registers vitest
 * tests, and vitest cannot be required, so that entry is ESM only; it shares
 * the ESM chunks, so its errors are the very `OrgkitError` the stores throw.
 * `orgkit/console` (custom elements, for browsers) is ESM only too; its
 * prebuilt bundle, Lit included, is scripts/console-bundle.mjs's.
 */
export default defineConfig([
  // The two builds run at once: each cleans only its own output (tsup keeps declarations either way).
  {
    ...shared,
    entry: { ...entry, testing: 'src/testing.ts', console: 'src/console.ts' },
    format: ['esm'],
    clean: ['!**/*.cjs', '!**/*.cjs.map'],
  },
  // `shims`: import.meta.url in CJS, where the adapters find the prebuilt console beside them.
  { ...shared, entry, format: ['cjs'], shims: true, clean: ['!**/*.js', '!**/*.js.map'] },
]);
