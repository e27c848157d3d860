import { expect, type Page, test } from '@playwright/test';
import { fromUserMenu, shot, signIn, signOut } from './support.js';

/** Picks an option of an antd Select by its visible text. */
async function choose(page: Page, testId: string, option: string) {
  await page.getByTestId(testId).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').getByText(option, { exact: true }).click();
}

test('the province admin creates a user, who changes their password; both show in the audit log', async ({ page }) => {
  const username = `e2e.union${Date.now() % 100000}`;
  await signIn(page, 'admin', 'Hexie@2026');
  await expect(page.getByTestId('menu-audit')).toBeVisible();

  await page.getByTestId('menu-users').click();
  await expect(page.getByTestId('users-page')).toBeVisible();
  await page.getByTestId('user-create').click();
  const drawer = page.getByTestId('user-drawer');
  await expect(drawer).toBeVisible();
  await page.getByTestId('user-form-username').fill(username);
  await page.getByTestId('user-form-displayName').fill('朝阳区工会联络员');
  await choose(page, 'user-form-role', '区域工作人员');
  // The region tree: search and pick a district of 长春市.
  await page.getByTestId('user-form-region').click();
  await page.keyboard.type('朝阳区');
  await page.locator('.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper').getByText('朝阳区').click();
  await choose(page, 'user-form-memberUnit', '工会');
  // A weak password is refused in the form, naming the rule.
  await page.getByTestId('user-form-password').fill('short1');
  await page.getByTestId('user-submit').click();
  await expect(drawer).toContainText('至少 10');
  await page.getByTestId('user-form-password').fill('Chaoyang#2026');
  await shot(page, '10-user-create');
  await page.getByTestId('user-submit').click();
  await expect(drawer).toBeHidden();
  await page.getByTestId('users-filter-q').fill(username);
  await page.getByTestId('users-search').click();
  const table = page.getByTestId('users-table');
  await expect(table).toContainText('朝阳区工会联络员');
  await expect(table).toContainText('朝阳区');
  await shot(page, '11-users-after-create');
  await signOut(page);

  // The new user changes their own password from the user menu.
  await signIn(page, username, 'Chaoyang#2026');
  await expect(page.getByTestId('header-region')).toHaveText('长春市朝阳区');
  await expect(page.getByTestId('menu-users')).toHaveCount(0);
  // Region staff may not manage users: the page says so (and the API would answer 403).
  await page.goto('/users');
  await expect(page.getByText('无访问权限').first()).toBeVisible();
  await shot(page, '12-forbidden');
  await page.goto('/');
  await expect(page.getByTestId('header-region')).toHaveText('长春市朝阳区');
  await fromUserMenu(page, 'menu-password', /\/account\/password/);
  await page.getByTestId('current-password').fill('Not-the-password-1');
  await page.getByTestId('new-password').fill('Chaoyang#2027');
  await page.getByTestId('confirm-password').fill('Chaoyang#2027');
  await page.getByTestId('password-submit').click();
  await expect(page.getByTestId('password-form').getByText('当前密码不正确')).toBeVisible();
  await shot(page, '13-password-wrong-current');
  await page.getByTestId('current-password').fill('Chaoyang#2026');
  await page.getByTestId('password-submit').click();
  await expect(page).toHaveURL(/\/$/);
  await signOut(page);

  // Only the new password works now.
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill('Chaoyang#2026');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('login-error')).toBeVisible();
  await signIn(page, username, 'Chaoyang#2027');
  await signOut(page);

  // The admin reads what happened in the audit log.
  await signIn(page, 'admin', 'Hexie@2026');
  await page.getByTestId('menu-audit').click();
  await expect(page.getByTestId('audit-page')).toBeVisible();
  await page.getByTestId('audit-filter-actor').fill(username);
  await page.getByTestId('audit-search').click();
  const audit = page.getByTestId('audit-table');
  await expect(audit).toContainText('修改密码');
  await expect(audit).toContainText('登录失败');
  await shot(page, '14-audit-filtered');
});

test('jilin reads the audit log of 吉林市; an unknown page says so', async ({ page }) => {
  await signIn(page, 'jilin', 'Hexie@2026');
  await page.getByTestId('menu-audit').click();
  const audit = page.getByTestId('audit-table');
  await expect(audit).toContainText('吉林市');
  await expect(audit).not.toContainText('长春市');
  await page.goto('/no-such-page');
  await expect(page.getByText('页面不存在').first()).toBeVisible();
  await shot(page, '15-not-found');
});
