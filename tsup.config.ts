import { defineConfig } from 'tsup';

/** One bundle per entry point of SPEC §2; drivers and vitest stay external (peer dependencies). */
export default defineConfig({
  entry: {
    index: 'src/index.ts',
    memory: 'src/memory.ts',
    testing: 'src/testing/index.ts',
    sqlite: 'src/sqlite.ts',
    postgres: 'src/postgres.ts',
    kysely: 'src/kysely.ts',
    cli: 'src/cli.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  splitting: true,
  treeshake: true,
  external: ['better-sqlite3', 'pg', 'vitest', 'kysely', 'zod', 'date-fns-tz'],
});
