import { expect, test } from '@playwright/test';
import { shot, signIn } from './support.js';

// 重点企业用工监测: the ledger, an enterprise put on the list with its first monthly report (the live check of the
// figures), guidance recorded on a struggling one, the export in 附件7's columns, and the enterprise's own page.

test('changchun puts an enterprise on the list, files its report, follows a struggling one and exports the ledger', async ({
  page,
}) => {
  await signIn(page, 'changchun');
  // The home page re-renders as its figures arrive: click the menu entry again until the page has changed.
  await expect(async () => {
    await page.getByTestId('menu-key-enterprises').click();
    await expect(page).toHaveURL(/\/employment\/key-enterprises$/, { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByTestId('key-table')).toBeVisible();
  await expect(page.getByTestId('key-link').first()).toBeVisible();
  await shot(page, '85-key-enterprises');

  // An enterprise of 南关区 not yet on the list (found through the API, then chosen in the picker by its code).
  const listed = await (await page.request.get('/api/v1/employment/key-enterprises?status=all&pageSize=100')).json();
  const onList = new Set(listed.items.map((k: { enterpriseId: string }) => k.enterpriseId));
  const register = await (await page.request.get('/api/v1/enterprises?regionCode=220102&pageSize=50')).json();
  const target = register.items.find((e: { id: string }) => !onList.has(e.id));
  expect(target).toBeTruthy();

  await page.getByTestId('key-add').click();
  await page.getByTestId('key-save').click();
  await expect(page.locator('.ant-drawer')).toContainText('请至少选择一项列入原因');
  const picker = page.getByTestId('key-enterprise');
  await expect(async () => {
    await picker.click();
    await picker.locator('input').fill(target.creditCode);
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: target.creditCode })
      .first()
      .click({ timeout: 2_000 });
    await expect(picker).toContainText(target.name, { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await page.getByTestId('key-reasons').getByText('生产经营困难').click();
  await page.getByTestId('key-save').click();
  await expect(page).toHaveURL(/\/employment\/key-enterprises\/[\w-]+$/);
  await expect(page.getByTestId('key-enterprise-page')).toContainText(target.name, { timeout: 20_000 });
  await expect(page.getByRole('tab', { name: /名单历史/ })).toContainText('1');

  // Its first report: the previous month's last one is the base of the live check.
  await page.getByTestId('report-add').click();
  await page
    .locator('[data-testid="report-headcount"] input, input[data-testid="report-headcount"]')
    .first()
    .fill('120');
  await page.locator('[data-testid="report-hires"] input, input[data-testid="report-hires"]').first().fill('3');
  await shot(page, '86-report-form');
  await page.getByTestId('report-save').click();
  await expect(page.getByTestId('report-table')).toContainText('120');

  // A struggling one: the layoff-plan reason, its trend, a guidance visit recorded.
  await page.goto('/employment/key-enterprises?reason=layoff_plan');
  await page.getByTestId('key-link').first().click();
  await expect(page.getByTestId('headcount-chart')).toBeVisible();
  await page.getByRole('tab', { name: /跟踪指导/ }).click();
  await page.getByTestId('guidance-add').click();
  await page
    .getByTestId('guidance-content')
    .fill('上门了解裁员计划，指导企业先行协商轮岗轮休，依法履行经济性裁员程序。');
  await page
    .locator('.ant-modal')
    .getByRole('button', { name: /保\s*存/ })
    .click();
  await expect(page.locator('.ant-timeline')).toContainText('依法履行经济性裁员程序');
  await shot(page, '87-key-enterprise');

  // The ledger as 附件7's sheet.
  await page.goto('/employment/key-enterprises');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('key-export').click()]);
  expect(download.suggestedFilename()).toMatch(/^重点用工企业情况表-\d{4}-\d{2}-\d{2}\.xlsx$/);
});

test('the enterprise user sees its own monthly reports and the reporting window', async ({ page }) => {
  await signIn(page, 'qiye');
  await expect(async () => {
    await page.getByTestId('menu-my-reports').click();
    await expect(page).toHaveURL(/\/employment\/my-reports$/, { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByTestId('my-reports-page')).toBeVisible();
  await expect(page.getByTestId('my-window')).toContainText('月度用工报告');
  await expect(page.getByTestId('my-report-table')).toBeVisible();
  await shot(page, '88-my-reports');
  // Staff pages are not there for it.
  await page.goto('/employment/key-enterprises');
  await expect(page.getByTestId('key-enterprises-page')).toHaveCount(0);
});
