/**
 * The Users list over the 300 seeded members in Chromium: search and
 * "Load more" by cursor.
 */
import { describe, expect, it } from 'vitest';
import { screenshot, signIn, useBrowser } from './harness.js';

describe('the Users list', () => {
  const browser = useBrowser();

  it('searches the seeded members and loads more by cursor', async () => {
    const page = await browser.newPage();
    await signIn(page, 'Ada Admin');
    const rows = page.getByRole('table', { name: 'Members' }).locator('tbody tr');
    const loadMore = page.getByRole('button', { name: 'Load more' });
    await loadMore.waitFor();
    const first = await rows.count();
    expect(first).toBeGreaterThan(10);
    await loadMore.click();
    await expect.poll(() => rows.count()).toBeGreaterThan(first);

    await page.getByRole('searchbox', { name: 'Search' }).fill('chen');
    await expect
      .poll(() => rows.allTextContents())
      .toSatisfy((texts: string[]) => texts.length === 20 && texts.every((text) => text.includes('Chen')));
    await screenshot(page, 'users-search');
    expect(await loadMore.count()).toBe(0);
  });
});
