/** What every browser test does the same way: screenshots, signing in and out, the user menu. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import { ARTIFACTS } from '../playwright.config.js';

mkdirSync(ARTIFACTS, { recursive: true });

/** The demo accounts' password (README). */
export const DEMO_PASSWORD = 'Hexie@2026';

/** A full-page screenshot kept as a CI artifact under e2e/artifacts. */
export const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

/**
 * Signs in and waits until the signed-in frame has settled. A page already on the login form (sent there with
 * ?next=) stays on it, so the sign-in returns where it was sent from.
 */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD) {
  if (!new URL(page.url(), 'http://x').pathname.startsWith('/login')) await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await expect(page).not.toHaveURL(/\/login/);
  // The signed-in frame re-renders once the session and the page's data arrive: let it settle first.
  await page.waitForLoadState('networkidle');
}

/**
 * Chooses an item of an antd dropdown menu and waits for what it does. antd positions the dropdown after it
 * appears: a click during that move can land on the page below (seen here as a scrolled page and no request, in
 * CI as a password entry that never navigated and a language that never switched), so open and click again until
 * `done` holds.
 */
export async function fromDropdown(page: Page, trigger: string, item: string, done: () => Promise<void>) {
  await expect(async () => {
    await page.getByTestId(trigger).click();
    await page.getByTestId(item).click({ timeout: 2_000 });
    await done();
  }).toPass({ timeout: 20_000 });
}

/** An entry of the user menu, waiting for the page it leads to. */
export async function fromUserMenu(page: Page, item: string, url: RegExp) {
  await fromDropdown(page, 'user-menu', item, () => expect(page).toHaveURL(url, { timeout: 2_000 }));
}

export async function signOut(page: Page) {
  await fromUserMenu(page, 'logout', /\/login/);
}

/**
 * Chooses an option of a tree select (regions, industries) by searching for it. The tree loads on first use and
 * the dropdown animates in: a click can land before either, so search again (the search box cleared, not
 * appended to) until the select shows the choice.
 */
export async function pickInTree(page: Page, select: Locator, search: string, option: string | RegExp, shows = search) {
  await expect(async () => {
    await select.click();
    await select.locator('input').fill(search);
    await page
      .locator('.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper')
      .getByText(option)
      .first()
      .click({ timeout: 3_000 });
    await expect(select).toContainText(shows, { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
}
