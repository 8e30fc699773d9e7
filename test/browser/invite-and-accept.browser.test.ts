/**
 * The seed's main flow in Chromium: the owner invites an admin with a
 * project through the Add User modal, the invitation arrives in the Mailbox,
 * and the invitee accepts it from there and lands signed in.
 */
import { describe, expect, it } from 'vitest';
import { expectAccessible, screenshot, signIn, useBrowser } from './harness.js';

describe('inviting through the Add User modal', () => {
  const browser = useBrowser();

  it('invites an admin with a project; the admin accepts from the Mailbox link and lands signed in', async () => {
    const page = await browser.newPage();
    await signIn(page, 'Olivia Owner');
    await page.getByRole('button', { name: 'Load more' }).waitFor();
    await screenshot(page, 'users', { fullPage: false });
    await expectAccessible(page, 'Users');

    await page.getByRole('button', { name: 'Add User' }).click();
    const modal = page.getByRole('dialog', { name: 'Add User' });
    await modal.waitFor();
    await modal.getByLabel('Email address').fill('nina.new@acme.example');
    await modal.getByLabel('Role').selectOption('admin');
    await modal.getByLabel('Sales bots').check();
    await screenshot(page, 'add-user', { fullPage: false });
    await expectAccessible(page, 'Add User');
    await modal.getByRole('button', { name: 'Send Invitation' }).click();
    await page.getByText('An invitation was sent to nina.new@acme.example.').waitFor();
    expect(await modal.isVisible()).toBe(false);

    // The Mailbox link opens the accept page as the invitee: signed out first.
    await page.getByRole('link', { name: 'Open invitation for nina.new@acme.example' }).click();
    await page.waitForURL(/\/accept#/);
    await page.getByText('Acme Robotics').first().waitFor();
    await page.getByLabel('Full name').fill('Nina New');
    await screenshot(page, 'accept');
    await expectAccessible(page, 'Accept invitation');
    await Promise.all([
      page.waitForURL((url) => url.pathname === '/'),
      page.getByRole('button', { name: 'Accept invitation' }).click(),
    ]);

    expect(await page.getByLabel('Signed in as').locator('option:checked').textContent()).toBe('Nina New (admin)');
    await page.getByRole('button', { name: 'Add User' }).waitFor();
  });

  it('shows the server refusal of an invitation to a member as a message in the modal', async () => {
    const page = await browser.newPage();
    await signIn(page, 'Olivia Owner');
    await page.getByRole('button', { name: 'Add User' }).click();
    const modal = page.getByRole('dialog', { name: 'Add User' });
    await modal.getByLabel('Email address').fill('uma@acme.example');
    await modal.getByRole('button', { name: 'Send Invitation' }).click();
    const alert = modal.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('already a member');
    await screenshot(page, 'add-user-refused', { fullPage: false });
    await page.keyboard.press('Escape');
    await modal.waitFor({ state: 'hidden' });
  });

  it('works from the keyboard: the modal opens on Enter, keeps Tab inside, and closes on Escape', async () => {
    const page = await browser.newPage();
    await signIn(page, 'Olivia Owner');
    const addUser = page.getByRole('button', { name: 'Add User' });
    await addUser.focus();
    await page.keyboard.press('Enter');
    const modal = page.getByRole('dialog', { name: 'Add User' });
    await modal.waitFor();
    // The focused element, through the shadow roots it sits in.
    const focused = () =>
      page.evaluate(() => {
        let active = document.activeElement;
        while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
        return `${active?.tagName.toLowerCase()}:${active?.getAttribute('name') ?? active?.textContent?.trim()}`;
      });
    expect(await focused()).toBe('input:email');
    const seen = new Set<string>();
    for (let step = 0; step < 8; step++) {
      await page.keyboard.press('Tab');
      seen.add(await focused());
    }
    expect(seen).toContain('button:Send Invitation');
    expect(seen).toContain('input:email');
    expect([...seen].every((item) => !item.startsWith('body') && !item.includes('Sign in'))).toBe(true);
    await page.keyboard.press('Escape');
    await modal.waitFor({ state: 'hidden' });
    expect(await focused()).toBe('button:Add User');
  });
});
