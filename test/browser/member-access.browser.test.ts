/**
 * The User Console in Chromium: disabling and enabling access, and the
 * controls each role sees (none over a higher role, none at all for a user).
 */
import { describe, expect, it } from 'vitest';
import { expectAccessible, screenshot, signIn, useBrowser } from './harness.js';

describe('the User Console', () => {
  const browser = useBrowser();

  /** Opens the User Console of `name` from the Users list, searching for them first. */
  const openMember = async (page: import('playwright-core').Page, name: string) => {
    await page.getByRole('searchbox', { name: 'Search' }).fill(name);
    // Wait for the search's answer, so the click lands on the row it renders.
    await expect.poll(() => page.getByRole('table', { name: 'Members' }).locator('tbody tr').count()).toBe(1);
    await page.getByRole('button', { name, exact: true }).click();
    await page.getByRole('heading', { name: `User Console: ${name}` }).waitFor();
  };

  it('lets the owner disable a user, who is refused on next load, then enable them again', async () => {
    const owner = await browser.newPage();
    const quinn = await browser.newPage();
    await signIn(quinn, 'Quinn Novak');
    await signIn(owner, 'Olivia Owner');
    await openMember(owner, 'Quinn Novak');
    await screenshot(owner, 'user-console');
    await expectAccessible(owner, 'User Console');

    await owner.getByRole('button', { name: 'Disable access' }).click();
    await owner.getByRole('button', { name: 'Enable access' }).waitFor();
    await quinn.reload();
    const refused = quinn.getByRole('alert');
    await refused.waitFor();
    expect(await refused.textContent()).toContain('access to this organization is disabled');
    await screenshot(quinn, 'disabled-member');
    await expectAccessible(quinn, 'refused member');

    await owner.getByRole('button', { name: 'Enable access' }).click();
    await owner.getByRole('button', { name: 'Disable access' }).waitFor();
    await quinn.reload();
    // A user's console opens on their own details.
    await quinn.getByRole('heading', { name: 'User Console: Quinn Novak' }).waitFor();
    expect(await quinn.getByRole('alert').count()).toBe(0);
  });

  it('shows an admin no control over the owner', async () => {
    const page = await browser.newPage();
    await signIn(page, 'Ada Admin');
    await openMember(page, 'Olivia Owner');
    await page.getByText('This member has a higher role than yours').waitFor();
    await screenshot(page, 'admin-views-owner');
    for (const name of ['Disable access', 'Enable access', 'Update role', 'Update email', 'Remove from organization']) {
      expect(await page.getByRole('button', { name }).count(), name).toBe(0);
    }
  });

  it('shows a user no admin controls', async () => {
    const page = await browser.newPage();
    await signIn(page, 'Uma User');
    await page.getByRole('heading', { name: 'User Console: Uma User' }).waitFor();
    await screenshot(page, 'user-view');
    await expectAccessible(page, 'a user’s view');
    for (const name of ['Add User', 'Disable access', 'Update role', 'Revoke', 'Resend', 'Remove from organization']) {
      expect(await page.getByRole('button', { name }).count(), name).toBe(0);
    }
    expect(await page.getByRole('table', { name: 'Members' }).count()).toBe(0);
    expect(await page.getByRole('tab', { name: 'Audit' }).count()).toBe(0);
  });

  it('shows the server refusing to demote the last owner as a message', async () => {
    const page = await browser.newPage();
    await signIn(page, 'Olivia Owner');
    await openMember(page, 'Olivia Owner');
    await page.getByRole('combobox', { name: 'Role' }).selectOption('admin');
    await page.getByRole('button', { name: 'Update role' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('at least one active owner');
    await screenshot(page, 'last-owner-refused');
    await expectAccessible(page, 'a refusal in the User Console');
  });
});
