/**
 * The browser suite's vitest project: real Chromium against the demo
 * server, which the global setup starts once on a free port over a
 * temporary SQLite file.
 */
import type { TestProjectInlineConfiguration } from 'vitest/config';

export const browserProject: TestProjectInlineConfiguration = {
  test: {
    name: 'browser',
    include: ['test/browser/**/*.browser.test.ts'],
    globalSetup: ['test/browser/demo-server.setup.ts'],
    // One Chromium at a time: the machine is small and the scenarios share one demo database.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
};
