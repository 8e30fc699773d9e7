/**
 * `npm run bench` (from the repository root): every suite in one process,
 * then JSON results and docs/benchmarks.md. `npm run bench -- --smoke` runs
 * the same at tiny sizes and writes to a temporary directory instead.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchConfig } from './lib/config.js';
import { openEnvironment } from './lib/environment.js';
import { log } from './lib/harness.js';
import { authorizeSuite } from './suites/authorize.js';
import { invitationSuite } from './suites/invitations.js';
import { memberSuite } from './suites/members.js';
import { pureCheckSuite } from './suites/pure-check.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const config = benchConfig(process.argv.slice(2), root);
const started = performance.now();
log(`${config.smoke ? 'smoke' : 'full'} run, sizes ${config.sizes.join(', ')}`);

const pure = await pureCheckSuite(config);
const env = await openEnvironment(config);
try {
  const members = await memberSuite(env, config);
  const authorize = await authorizeSuite(env, config, members.organizations);
  const invitations = await invitationSuite(env, config);
  const results = { pure, members, authorize, invitations };
  mkdirSync(dirname(config.resultsFile), { recursive: true });
  writeFileSync(config.resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  log(`results: ${config.resultsFile}`);
} finally {
  await env.close();
}
log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
