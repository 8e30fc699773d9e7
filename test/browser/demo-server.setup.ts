/**
 * Starts the demo (examples/demo) once for the browser suite, on a free
 * port over a temporary SQLite file, seeded as on a first `npm start`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { start } from '../../examples/demo/server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    demoUrl: string;
    organizationId: string;
  }
}

export default async function setup(project: TestProject) {
  const directory = mkdtempSync(join(tmpdir(), 'orgkit-demo-'));
  const demo = await start({ port: 0, database: join(directory, 'orgkit-demo.db') });
  project.provide('demoUrl', demo.url);
  project.provide('organizationId', demo.organizationId);
  return async () => {
    await demo.close();
    rmSync(directory, { recursive: true, force: true });
  };
}
