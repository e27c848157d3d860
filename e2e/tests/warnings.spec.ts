import { expect, test } from '@playwright/test';
import { shot, signIn, signOut } from './support.js';

test('the province administrator sets a warning rule and runs the rules; changchun follows the warnings from the home page', async ({
  page,
}) => {
  await signIn(page, 'admin');
  await page.getByTestId('menu-warning-rules').click();
  await expect(page).toHaveURL(/\/parameters\/warning-rules$/);
  const row = page.getByRole('row').filter({ hasText: '连续未报送月报' });
  await expect(row.getByTestId('rule-description')).toHaveText('连续 2 个月及以上未报送用工月报');
  // Three months instead of two: saved, described anew, and run over the province at once.
  await row.locator('.ant-input-number input').fill('3');
  await row.getByTestId('rule-save').click();
  await expect(page.getByText('“连续未报送月报”已保存')).toBeVisible();
  await expect(row.getByTestId('rule-description')).toHaveText('连续 3 个月及以上未报送用工月报');
  await expect(row).toContainText('默认：一般，2 个月');
  await page.getByTestId('rules-run').click();
  await expect(page.getByText(/研判完成：\d+ 个对象/)).toBeVisible({ timeout: 30_000 });
  await shot(page, '90-warning-rules');
  // Back to the plan's two months.
  await row.locator('.ant-input-number input').fill('2');
  await row.getByTestId('rule-save').click();
  await expect(row.getByTestId('rule-description')).toHaveText('连续 2 个月及以上未报送用工月报');
  await signOut(page);

  // changchun: the home page counts the open warnings of 长春市 and lists the newest.
  await signIn(page, 'changchun');
  const panel = page.getByTestId('home-warnings');
  await expect(panel).toContainText(/待处理 \d+ 条/);
  await expect(panel.getByTestId('warning-severity').first()).toBeVisible();
  await shot(page, '91-home-warnings');
  // The newest opens in the inbox's drawer; its severity filters the list.
  const first = panel.locator('.ant-list-item').first();
  const severity = (await first.getByTestId('warning-severity').textContent()) ?? '';
  await first.locator('a').click();
  await expect(page).toHaveURL(/\/warnings\?id=/);
  const drawer = page.getByTestId('warning-drawer');
  await expect(drawer.getByTestId('warning-text')).not.toBeEmpty();
  await expect(drawer.getByTestId('warning-severity')).toHaveText(severity);
  // Taken up: 跟进 with a note, then 跟进中 with the note in its history.
  if ((await drawer.getByTestId('warning-status').textContent()) === '新预警') {
    await drawer.getByTestId('warning-follow').click();
    await drawer.getByTestId('warning-note').fill('已电话联系企业，了解情况');
    await drawer.getByTestId('warning-submit').click();
    await expect(drawer.getByTestId('warning-status')).toHaveText('跟进中');
    await expect(drawer.getByTestId('warning-history')).toContainText('已电话联系企业，了解情况');
  }
  await shot(page, '92-warning-drawer');
  await page.keyboard.press('Escape');
  await page.getByTestId('warning-filter-severity').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: severity }).click();
  const table = page.getByTestId('warning-table');
  await expect(table.locator('tbody tr.ant-table-row').first()).toBeVisible();
  await expect(table.getByTestId('warning-severity').filter({ hasNotText: severity })).toHaveCount(0);
  await shot(page, '93-warnings');
});
