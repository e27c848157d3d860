import { expect, test } from '@playwright/test';
import { shot, signIn } from './support.js';

// 2028 (guidance.spec counts on 2027 staying unloaded: the tests share one database).
test('the province administrator loads a year’s holidays; the public deadline calculator counts with them', async ({
  page,
}) => {
  await signIn(page, 'admin');
  await page.getByTestId('menu-calendar').click();
  await expect(page).toHaveURL(/\/parameters\/calendar$/);
  // This year is built in; 2028 is not loaded yet.
  await page.getByTestId('calendar-year').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '2028' }).click();
  await expect(page.getByTestId('calendar-missing')).toContainText('2028 年的节假日安排尚未录入');

  const rows = page.getByTestId('calendar-row');
  const fillRow = async (i: number, date: string, name: string) => {
    await page.getByTestId('calendar-add').click();
    const row = rows.nth(i);
    await row.locator('.ant-picker input').fill(date);
    await row.locator('.ant-picker input').press('Enter');
    await row.locator('input.ant-input').fill(name);
  };
  await fillRow(0, '2028-01-03', '元旦');
  // A make-up working day on a Monday: the server names the row's field.
  await fillRow(1, '2028-01-10', '调休上班');
  await rows.nth(1).locator('.ant-select').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '调休上班' }).click();
  await page.getByTestId('calendar-save').click();
  await expect(page.getByTestId('calendar-errors')).toContainText('第 2 行：');
  await expect(page.getByTestId('calendar-errors')).toContainText('调休上班日应为周六或周日');
  await shot(page, '95-calendar-error');
  await rows.nth(1).getByLabel('删除').click();
  await page.getByTestId('calendar-save').click();
  await expect(page.getByText('已保存 2028 年节假日安排')).toBeVisible();
  await expect(page.getByTestId('calendar-missing')).toHaveCount(0);
  await shot(page, '96-calendar');

  // The public calculator: 15 days from 2027-12-19 end on Monday 2028-01-03, a holiday now, so on the 4th.
  await page.goto('/guide/deadline');
  await page.getByTestId('deadline-period').click();
  await page.getByText('调解期限（15 日）', { exact: true }).click();
  await page.locator('#start').fill('2027-12-19');
  await page.locator('#start').press('Enter');
  await page.getByTestId('deadline-submit').click();
  await expect(page.getByTestId('deadline-due')).toHaveText('2028年1月4日（星期二）');
  await expect(page.getByTestId('deadline-result')).toContainText('元旦');
  await expect(page.getByTestId('deadline-calendar-missing')).toHaveCount(0);
});
