// After `npm run build`: every entry point loads through the package's own
// exports map, as `import` and as `require`, and exposes what its docs promise.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const expected = {
  orgkit: ['createOrgkit', 'OrgkitError', 'isOrgkitError', 'httpStatusFor', 'permissionMatrix', 'defineMatrix'],
  'orgkit/store': ['STORE_CONSTRAINTS', 'storeConflict'],
  'orgkit/memory': ['memoryStore'],
  'orgkit/sqlite': ['sqliteStore'],
  'orgkit/postgres': ['postgresStore'],
  'orgkit/kysely': ['kyselyStore'],
  'orgkit/testing': ['testStoreConformance', 'MemoryMailer', 'faultyStore'],
  'orgkit/http': ['orgkitFetchHandler', 'openApiDocument'],
  'orgkit/express': ['orgkitExpress'],
  'orgkit/fastify': ['orgkitFastify'],
  'orgkit/client': ['createOrgkitClient', 'OrgkitError', 'isOrgkitError'],
  'orgkit/console': ['OrgkitConsole', 'defineConsoleElements', 'describeError'],
};

/** vitest cannot be required, so `orgkit/testing` ships as ESM only; `orgkit/console` is for browsers. */
const esmOnly = new Set(['orgkit/testing', 'orgkit/console']);

let failed = false;
for (const [specifier, names] of Object.entries(expected)) {
  const esm = await import(specifier);
  const cjs = esmOnly.has(specifier) ? esm : require(specifier);
  for (const name of names) {
    if (typeof esm[name] === 'undefined' || typeof cjs[name] === 'undefined') {
      console.error(`${specifier}: ${name} is missing (esm: ${typeof esm[name]}, cjs: ${typeof cjs[name]})`);
      failed = true;
    }
  }
}
// One class across formats matters less than each format being whole, but the
// CJS build must not pull in the ESM one (a dual-package hazard).
const cjs = require('orgkit');
const esm = await import('orgkit');
if (cjs.OrgkitError === esm.OrgkitError) {
  console.error('CJS and ESM builds share one module instance unexpectedly');
  failed = true;
}
// A host that loads both builds: an error from one is recognized by the other.
for (const [from, to] of [
  [esm, cjs],
  [cjs, esm],
]) {
  const conflict = new from.OrgkitError({ code: 'CONFLICT', details: { reason: 'ALREADY_MEMBER' } });
  if (
    to.httpStatusFor(conflict) !== 409 ||
    !to.isOrgkitError(conflict, 'CONFLICT') ||
    !(conflict instanceof to.OrgkitError)
  ) {
    console.error(`a CONFLICT from the ${from === esm ? 'ESM' : 'CJS'} build is not recognized by the other`);
    failed = true;
  }
}
if (failed) process.exit(1);
console.log(`dist smoke: ${Object.keys(expected).length} entry points load as ESM and CJS`);
