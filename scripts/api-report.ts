// The public surface, committed so that a change to it shows in review:
// every entry point's declarations as API Extractor reports them
// (api/*.api.md), and every input schema as JSON Schema (api/inputs.json),
// since the input types are inferred from zod and the report shows only
// their names. `npm run api:report` rewrites both after a change (commit
// them with it); `npm run api:check` fails when they no longer match. Run
// after the build.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Extractor, ExtractorConfig, ExtractorLogLevel } from '@microsoft/api-extractor';
import { z } from 'zod';
import { permissionMatrix } from '../src/access/default-matrix.js';
import { createSchemas } from '../src/schemas/inputs.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
const entries: Record<string, string> = {
  index: 'orgkit',
  store: 'orgkit-store',
  memory: 'orgkit-memory',
  sqlite: 'orgkit-sqlite',
  postgres: 'orgkit-postgres',
  kysely: 'orgkit-kysely',
  testing: 'orgkit-testing',
  http: 'orgkit-http',
  express: 'orgkit-express',
  fastify: 'orgkit-fastify',
  client: 'orgkit-client',
  console: 'orgkit-console',
};

mkdirSync(join(root, 'api'), { recursive: true });
let failed = false;
for (const [entry, report] of Object.entries(entries)) {
  const declarations = join(root, 'dist', `${entry}.d.ts`);
  if (!existsSync(declarations)) {
    console.error(`api-report: ${declarations} is missing; run npm run build first.`);
    process.exit(1);
  }
  const config = ExtractorConfig.prepare({
    configObject: {
      projectFolder: root,
      mainEntryPointFilePath: declarations,
      bundledPackages: [],
      compiler: {
        overrideTsconfig: {
          compilerOptions: {
            target: 'ES2022',
            module: 'NodeNext',
            moduleResolution: 'NodeNext',
            lib: ['ES2023'],
            types: ['node'],
            strict: true,
            skipLibCheck: true,
          },
          files: [declarations],
        },
      },
      apiReport: {
        enabled: true,
        reportFileName: report,
        reportFolder: join(root, 'api'),
        reportTempFolder: join(root, '.tmp', 'api'),
      },
      docModel: { enabled: false },
      dtsRollup: { enabled: false },
      tsdocMetadata: { enabled: false },
      messages: {
        compilerMessageReporting: { default: { logLevel: ExtractorLogLevel.Warning } },
        extractorMessageReporting: {
          default: { logLevel: ExtractorLogLevel.Warning },
          // orgkit marks no release stages (@public, @beta): everything exported is public.
          'ae-missing-release-tag': { logLevel: ExtractorLogLevel.None },
          // Doc coverage is reviewed in the source, not in the report.
          'ae-undocumented': { logLevel: ExtractorLogLevel.None },
          // The stores answer a `Store`: it is exported once, from orgkit/store (and orgkit).
          'ae-forgotten-export': { logLevel: ExtractorLogLevel.None },
        },
        tsdocMessageReporting: { default: { logLevel: ExtractorLogLevel.None } },
      },
    },
    configObjectFullPath: undefined,
    packageJsonFullPath: join(root, 'package.json'),
  });
  const result = Extractor.invoke(config, { localBuild: !check, showVerboseMessages: false });
  if (!result.succeeded || (check && result.apiReportChanged)) {
    console.error(`api-report: ${entry} (api/${report}.api.md) ${result.apiReportChanged ? 'changed' : 'failed'}.`);
    failed = true;
  }
}
const inputs = join(root, 'api', 'inputs.json');
const schemas = Object.fromEntries(
  Object.entries(createSchemas(permissionMatrix.roles)).map(([name, schema]) => [
    name,
    z.toJSONSchema(schema as z.ZodType, { io: 'input', unrepresentable: 'any' }),
  ]),
);
const json = `${JSON.stringify(schemas, null, 2)}\n`;
if (!check) writeFileSync(inputs, json);
else if (!existsSync(inputs) || readFileSync(inputs, 'utf8') !== json) {
  console.error('api-report: the input schemas (api/inputs.json) changed.');
  failed = true;
}

if (failed) {
  if (check) console.error('The public surface changed: run `npm run api:report` and commit api/.');
  process.exit(1);
}
console.log(`api-report: ${Object.keys(entries).length} entry points ${check ? 'match api/' : 'written to api/'}.`);
