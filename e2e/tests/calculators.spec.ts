import { expect, type Page, test } from '@playwright/test';
import { pickInTree, shot, signIn } from './support.js';

/** An antd date picker by its form field's id: typed, then confirmed. */
async function typeDate(page: Page, id: string, date: string) {
  await page.locator(`#${id}`).fill(date);
  await page.locator(`#${id}`).press('Enter');
}

test('the public works out severance on a phone: the region’s figures come from the tables', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/guide');
  await page.getByTestId('guide-nav-severance').click();
  await expect(page).toHaveURL(/\/guide\/severance$/);

  await page.locator('#averageMonthlyWage').fill('6000');
  await typeDate(page, 'serviceStart', '2020-01-15');
  await typeDate(page, 'serviceEnd', '2025-04-14');
  await pickInTree(page, page.getByTestId('severance-region'), '南关区', '南关区');
  // The defaults the tables give for 长春市南关区 on the last day of service.
  await expect(page.getByText('默认 2,120.00 元')).toBeVisible();
  await expect(page.getByText('默认 7,268.50 元')).toBeVisible();
  await page.getByTestId('severance-submit').click();

  await expect(page.getByTestId('severance-total')).toHaveText('33,000.00 元');
  await expect(page.getByTestId('severance-years')).toHaveText('5.5');
  await expect(page.getByTestId('severance-explanation')).toContainText('《劳动合同法》第四十七条第一款');
  await expect(page.getByTestId('severance-result')).toContainText('吉政函〔2024〕66号');
  await page.getByTestId('severance-result').scrollIntoViewIfNeeded();
  await shot(page, '90-guide-severance-phone');
  // Nothing overflows the phone's width.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test('severance with the minimum-wage floor and notice pay; a field error names the field; in English too', async ({
  page,
}) => {
  await page.goto('/guide/severance');
  await page.locator('#averageMonthlyWage').fill('1500');
  await page.getByTestId('severance-by').getByText('按月数').click();
  await page.locator('#serviceMonths').fill('42');
  await page.locator('#minimumWage').fill('2120');
  await page.getByTestId('severance-submit').click();
  // No region and no average wage: the server names the field in Chinese.
  await expect(page.getByText('工作所在地区为必填项')).toBeVisible();
  await page.locator('#localAverageMonthlyWage').fill('7268.5');
  await page.getByTestId('severance-without-notice').click();
  await page.locator('#lastMonthWage').fill('2200');
  await page.getByTestId('severance-submit').click();
  await expect(page.getByTestId('severance-total')).toHaveText('10,680.00 元');
  await expect(page.getByTestId('severance-result')).toContainText('已按最低工资标准计算');
  await shot(page, '91-guide-severance');

  await page.addInitScript(() => localStorage.setItem('hexie.lang', 'en-US'));
  await page.goto('/guide/severance');
  await page.locator('#averageMonthlyWage').fill('30000');
  await typeDate(page, 'serviceStart', '2008-03-01');
  await typeDate(page, 'serviceEnd', '2026-02-28');
  await pickInTree(page, page.getByTestId('severance-region'), '朝阳区', '朝阳区');
  await page.getByTestId('severance-submit').click();
  await expect(page.getByTestId('severance-total')).toHaveText('261,666.00 yuan');
  await expect(page.getByTestId('severance-result')).toContainText('Capped at three times');
  await expect(page.getByTestId('severance-explanation')).toContainText('n goes from 18 to 12');
  await shot(page, '92-guide-severance-en');
});

test('the public checks a layoff against Art. 41 and the ability to pay, on a phone', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/guide');
  await page.getByTestId('guide-nav-layoff').click();
  await expect(page).toHaveURL(/\/guide\/layoff-check$/);
  await page.locator('#employees').fill('190');
  await page.locator('#layoffs').fill('19');
  await typeDate(page, 'plannedOn', '2026-06-30');
  await page.getByTestId('layoff-submit').click();
  await expect(page.getByTestId('layoff-verdict')).toContainText('属于经济性裁员');
  await expect(page.getByTestId('layoff-requirements')).toContainText('最迟 2026-05-31');
  await page.getByTestId('layoff-result').scrollIntoViewIfNeeded();
  await shot(page, '93-guide-layoff-phone');

  await page.locator('#layoffs').fill('18');
  await page.getByTestId('layoff-submit').click();
  await expect(page.getByTestId('layoff-verdict')).toContainText('不属于第四十一条规定的经济性裁员');

  await pickInTree(page, page.getByTestId('ability-region'), '南关区', '南关区');
  await page.locator('#count').fill('50');
  await page.locator('#averageMonthlyWage').fill('6000');
  await page.locator('#averageServiceMonths').fill('63');
  await page.locator('#wagesOwed').fill('150000');
  await page.locator('#fundsAvailable').fill('1000000');
  await page.getByTestId('ability-submit').click();
  await expect(page.getByTestId('ability-rating')).toHaveText('支付能力不足');
  await expect(page.getByTestId('ability-result')).toContainText('资金缺口');
  await page.getByTestId('ability-result').scrollIntoViewIfNeeded();
  await shot(page, '94-guide-ability-phone');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test('the province administrator keeps the wage tables: a city’s average, then ends it', async ({ page }) => {
  await signIn(page, 'admin');
  await page.getByTestId('menu-wage-parameters').click();
  await expect(page).toHaveURL(/\/parameters\/wages$/);
  await expect(page.getByTestId('wage-param-table')).toContainText('吉政函〔2024〕66号');
  await shot(page, '95-wage-parameters');

  await page.getByTestId('wage-param-tabs').getByText('职工月平均工资').click();
  await expect(page.getByTestId('wage-param-table')).toContainText('7268.50');
  await page.getByTestId('wage-param-add').click();
  await pickInTree(page, page.getByTestId('wage-param-regions'), '长春市', /^长春市$/);
  await typeDate(page, 'effectiveFrom', '2025-07-01');
  await page.locator('#monthlyAmount').fill('8123.45');
  await page.locator('#statYear').fill('2024');
  await page.locator('#basis').fill('长春市统计局 2024 年平均工资');
  await page.getByTestId('wage-param-save').click();
  await expect(page.getByText('已保存 1 条记录')).toBeVisible();
  const row = page.getByTestId('wage-param-table').locator('tr', { hasText: '8123.45' });
  await expect(row).toContainText('执行中');
  await shot(page, '96-wage-parameters-average');

  // The public calculator now takes 长春's figure for a district under it.
  const lookup = await page.request.get('/api/v1/calculators/wage-parameters?regionCode=220102&date=2025-08-01');
  expect((await lookup.json()).localAverageMonthlyWage.value).toBe(8123.45);

  await row.getByRole('button').click();
  await typeDate(page, 'effectiveTo', '2025-12-31');
  await page.locator('#reason').fill('并入全省口径');
  await page.getByTestId('wage-param-end-ok').click();
  await expect(row).toContainText('已停止执行');
});
