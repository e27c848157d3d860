import { expect, test } from '@playwright/test';
import { fromDropdown, shot, signOut } from './support.js';

test('changchun signs in in Chinese, sees the home page, switches to English and signs out', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByText('和谐同行').first()).toBeVisible();
  await shot(page, '01-login-zh');

  await page.getByTestId('login-username').fill('changchun');
  await page.getByTestId('login-password').fill('Hexie@2026');
  await page.getByTestId('login-submit').click();

  await expect(page).not.toHaveURL(/\/login/);
  await expect(page.getByTestId('header-region')).toHaveText(/长春市/);
  await expect(page.getByTestId('home-region')).toContainText('长春市');
  // Real figures from the dashboard: the districts and counties of 长春市.
  await expect(page.getByTestId('stat-counties')).toContainText('11');
  // The menu shows what a region admin may use.
  await expect(page.getByTestId('menu-users')).toBeVisible();
  await shot(page, '02-home-zh');

  await fromDropdown(page, 'lang-switch', 'lang-en-US', () =>
    expect(page.getByTestId('menu-home')).toContainText('Home', { timeout: 2_000 }),
  );
  await expect(page.getByTestId('home-region')).toContainText(/Changchun|长春市/);
  await shot(page, '03-home-en');

  await signOut(page);
  await shot(page, '04-logged-out-en');

  // The session is really gone on the server.
  const me = await page.request.get('/api/v1/auth/me');
  expect(me.status()).toBe(401);
});

test('a wrong password shows the server message; unknown pages say so', async ({ page }) => {
  await page.goto('/login');
  await page.getByTestId('login-username').fill('jilin');
  await page.getByTestId('login-password').fill('wrong-password-1');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('login-error')).toContainText('用户名或密码错误');
  await shot(page, '05-login-error');
});
