/**
 * What every browser scenario shares: one headless Chromium per file, a
 * fresh context (cookies) per person, signing in through the demo's
 * development bar, screenshots as test artifacts, and the axe check.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { CHROMIUM_PATH } from './chromium.js';

/** Where screenshots go: gitignored, kept by CI as artifacts. */
export const ARTIFACTS = 'test-artifacts/browser';

export const demoUrl = () => inject('demoUrl');
export const organizationId = () => inject('organizationId');

/** Launches Chromium for the file's scenarios and closes it after them. */
export function useBrowser(): { newPage(): Promise<Page> } {
  let browser: Browser;
  beforeAll(async () => {
    if (!existsSync(CHROMIUM_PATH)) {
      throw new Error(
        `No Chromium at ${CHROMIUM_PATH}: install it with \`apt-get install -y chromium\`, or set ORGKIT_CHROMIUM.`,
      );
    }
    browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    /** A page in a context of its own: another person, with no cookies yet. */
    async newPage() {
      const context = await browser.newContext({
        baseURL: demoUrl(),
        viewport: { width: 1280, height: 860 },
        timezoneId: 'Europe/Berlin',
        locale: 'en-US',
      });
      context.setDefaultTimeout(10_000);
      return context.newPage();
    },
  };
}

/** Signs in through the development bar as the member whose option starts with `name`. */
export async function signIn(page: Page, name: string): Promise<void> {
  if (new URL(page.url(), demoUrl()).href !== `${demoUrl()}/`) await page.goto('/');
  const select = page.getByLabel('Signed in as');
  const value = await select
    .locator('option')
    .filter({ hasText: new RegExp(`^${name} \\(`) })
    .first()
    .getAttribute('value');
  expect(value, `a sign-in option for ${name}`).toBeTruthy();
  await select.selectOption(value!);
  await Promise.all([page.waitForURL('/'), page.getByRole('button', { name: 'Sign in' }).click()]);
}

/** Writes a screenshot of `page` as `<name>.png` under ARTIFACTS: the whole page, or the viewport (under a modal). */
export async function screenshot(page: Page, name: string, { fullPage = true } = {}): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage });
}

/** Fails on any serious or critical axe violation on the page as it is now. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const blocking = violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
  expect(blocking, `axe on ${screen}`).toEqual([]);
}
