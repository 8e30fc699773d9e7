import { defineConfig } from 'vitest/config';
import { browserProject } from './test/browser/browser-project.js';
import { browserSuiteSkipReason } from './test/browser/chromium.js';

const skipBrowser = browserSuiteSkipReason();
// Vitest reads this file more than once in a run: say it once.
if (skipBrowser !== null && process.env.ORGKIT_BROWSER_SKIP_SAID === undefined) {
  process.env.ORGKIT_BROWSER_SKIP_SAID = '1';
  console.log(`\n${skipBrowser}\n`);
}

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/browser/**'] } },
      ...(skipBrowser === null ? [browserProject] : []),
    ],
  },
});
