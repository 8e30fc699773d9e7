/**
 * The Users list over the 300 seeded members in Chromium: search, the role
 * and status filters, and "Load more" by cursor.
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

  it('filters the seeded members by role and by status', async () => {
    const page = await browser.newPage();
    await signIn(page, 'Ada Admin');
    const rows = page.getByRole('table', { name: 'Members' }).locator('tbody tr');
    await page.getByRole('button', { name: 'Load more' }).waitFor();
    // Every 50th generated member starts disabled: six of them.
    await page.getByRole('combobox', { name: 'Status' }).selectOption('disabled');
    await expect
      .poll(() => rows.allTextContents())
      .toSatisfy((texts: string[]) => texts.length >= 6 && texts.every((text) => text.includes('Disabled')));
    await page.getByRole('combobox', { name: 'Status' }).selectOption('');
    // Every 20th generated member is an admin: 15, and Ada.
    await page.getByRole('combobox', { name: 'Role' }).selectOption('admin');
    await expect
      .poll(() => rows.allTextContents())
      .toSatisfy((texts: string[]) => texts.length >= 16 && texts.every((text) => text.includes('Admin')));
  });
});
