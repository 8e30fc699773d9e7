/**
 * The demo's development stand-ins: the sign-in bar and the Mailbox panel.
 */
import { describe, expect, it } from 'vitest';
import { expectAccessible, organizationId, screenshot, signIn, useBrowser } from './harness.js';

describe('the demo page', () => {
  const browser = useBrowser();

  it('offers the seeded owner, admin and user first, and signs in as the one chosen', async () => {
    const page = await browser.newPage();
    await page.goto('/');
    const featured = await page.locator('optgroup[label="Seeded roles"] option').allTextContents();
    expect(featured).toEqual(['Olivia Owner (owner)', 'Ada Admin (admin)', 'Uma User (user)']);
    expect(await page.locator('optgroup[label="Everyone else"] option').count()).toBeGreaterThanOrEqual(300);
    await screenshot(page, 'signed-out');
    await expectAccessible(page, 'the demo page, signed out');
    await signIn(page, 'Ada Admin');
    expect(await page.getByLabel('Signed in as').locator('option:checked').textContent()).toBe('Ada Admin (admin)');
    await expectAccessible(page, 'the demo page');
  });

  it('lists each mail in the Mailbox with its link', async () => {
    const page = await browser.newPage();
    await signIn(page, 'Olivia Owner');
    const invited = await page.request.post(`/api/organizations/${organizationId()}/invitations`, {
      data: { email: 'mailbox.check@acme.example', role: 'user' },
    });
    expect(invited.status()).toBe(201);
    const link = page.getByRole('link', { name: 'Open invitation for mailbox.check@acme.example' });
    await link.waitFor();
    expect(await link.getAttribute('href')).toMatch(/\/accept#[\w-]{20,}$/);
    await screenshot(page, 'mailbox');
  });
});
