/**
 * The prebuilt console page (dist/console/, made by `npm run build`) as the
 * adapters serve it with `console: true`: three files read once into memory,
 * served by name only, so no request path ever reaches the file system.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A file of the page, ready to send. */
export interface ConsoleFile {
  readonly body: Buffer;
  readonly headers: Readonly<Record<string, string>>;
}

const PAGE_HEADERS = {
  'cache-control': 'no-cache',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

// The page talks only to the server that served it; `style-src` allows the elements' inline style attributes.
const HTML_HEADERS = {
  ...PAGE_HEADERS,
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
};

const SCRIPT_HEADERS = { ...PAGE_HEADERS, 'content-type': 'text/javascript; charset=utf-8' };

/** The page's files by the name after `<mount>/console/` (`''` is the page itself). */
export type ConsoleFiles = ReadonlyMap<string, ConsoleFile>;

/**
 * Where dist/console is: beside the built module (dist/*.js, dist/*.cjs), or,
 * running from the sources (tests, tsx), in the package's dist/.
 */
export function consoleDirectory(): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  return [join(here, 'console'), join(here, '..', '..', 'dist', 'console')].find((directory) =>
    existsSync(join(directory, 'index.html')),
  );
}

/** Reads the page once; throws when the package was not built with it. */
export function loadConsoleFiles(adapter: string): ConsoleFiles {
  const directory = consoleDirectory();
  if (directory === undefined) {
    throw new TypeError(
      `${adapter}: \`console: true\` needs the prebuilt console (dist/console); run \`npm run build\`.`,
    );
  }
  const read = (name: string) => readFileSync(join(directory, name));
  const page = { body: read('index.html'), headers: HTML_HEADERS };
  return new Map([
    ['', page],
    ['index.html', page],
    ['orgkit-console.js', { body: read('orgkit-console.js'), headers: SCRIPT_HEADERS }],
    ['page.js', { body: read('page.js'), headers: SCRIPT_HEADERS }],
  ]);
}
