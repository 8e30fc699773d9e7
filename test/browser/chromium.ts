/**
 * Where the browser suite finds Chromium: Debian's package (`apt-get install
 * -y chromium`), or `ORGKIT_CHROMIUM`. Playwright's own browser downloads
 * are not used.
 */
import { existsSync } from 'node:fs';

export const CHROMIUM_PATH = process.env.ORGKIT_CHROMIUM ?? '/usr/bin/chromium';

/** Why `npm test` leaves the browser suite out, or `null`. */
export function browserSuiteSkipReason(): string | null {
  if (!existsSync(CHROMIUM_PATH)) {
    return `Skipping the browser suite (test/browser): no Chromium at ${CHROMIUM_PATH}. Install it with \`apt-get install -y chromium\`, then \`npm run test:browser\`.`;
  }
  if (process.env.ORGKIT_BROWSER_TESTS === 'separate') {
    return 'Skipping the browser suite (test/browser) here: it runs as `npm run test:browser`.';
  }
  return null;
}
