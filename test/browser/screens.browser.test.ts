/**
 * The remaining screens in Chromium: the Projects and Audit tabs, and an
 * email change confirmed from the Mailbox on the confirm page.
 */
import { describe, expect, it } from 'vitest';
import { expectAccessible, screenshot, signIn, useBrowser } from './harness.js';

describe('the other screens', () => {
  const browser = useBrowser();

  it('shows the Projects and Audit tabs', async () => {
    const page = await browser.newPage();
    await signIn(page, 'Olivia Owner');
    await page.getByRole('tab', { name: 'Projects' }).click();
    await page.getByText('Sales bots').first().waitFor();
    await screenshot(page, 'projects');
    await expectAccessible(page, 'Projects');
    await page.getByRole('tab', { name: 'Audit' }).click();
    await page.getByRole('columnheader', { name: 'What' }).waitFor();
    // Names replace the actors' ids once looked up.
    await page.locator('orgkit-audit-log tbody td').filter({ hasText: 'Olivia Owner' }).first().waitFor();
    // So do the members and projects acted on.
    const targets = page.locator('orgkit-audit-log tbody td:nth-child(4)');
    await targets
      .filter({ hasText: /^member \p{L}+ \p{L}+$/u })
      .first()
      .waitFor();
    expect(await targets.filter({ hasText: /^member \S+$/ }).count()).toBe(0);
    await targets
      .filter({ hasText: /^invitation \S+@acme\.example$/ })
      .first()
      .waitFor();
    await screenshot(page, 'audit', { fullPage: false });
    await expectAccessible(page, 'Audit');
  });

  it('keeps an email change pending until the new address confirms it from the Mailbox', async () => {
    const page = await browser.newPage();
    await signIn(page, 'Olivia Owner');
    await page.getByRole('searchbox', { name: 'Search' }).fill('Rosa Moreau');
    await page.getByRole('button', { name: 'Rosa Moreau', exact: true }).click();
    await page.getByLabel('Email', { exact: true }).fill('rosa@moreau.example');
    await page.getByRole('button', { name: 'Update email' }).click();
    await page.getByText('Pending confirmation: rosa@moreau.example').waitFor();

    await page.getByRole('link', { name: 'Confirm rosa@moreau.example' }).click();
    await page.waitForURL(/\/confirm-email#/);
    await page.getByRole('button', { name: 'Confirm email' }).waitFor();
    await screenshot(page, 'confirm-email');
    await expectAccessible(page, 'Confirm email');
    await page.getByRole('button', { name: 'Confirm email' }).click();
    await page.getByText('Your email address is confirmed.').waitFor();

    await signIn(page, 'Rosa Moreau');
    await page.getByRole('heading', { name: 'User Console: Rosa Moreau' }).waitFor();
    expect(await page.getByText('rosa@moreau.example').count()).toBeGreaterThan(0);
    expect(await page.getByText('Pending confirmation').count()).toBe(0);
  });
});
