import { defineConfig } from 'vitest/config';
import { browserProject } from './test/browser/browser-project.js';

// `npm run test:browser`: only the browser suite, in real Chromium.
export default defineConfig({ test: { projects: [browserProject] } });
