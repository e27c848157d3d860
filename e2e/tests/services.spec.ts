import { expect, type Page, test } from '@playwright/test';
import { shot, signIn } from './support.js';

/** A valid credit code (check character computed with core's rule when this test was written). */
const CODE = '91220102MAWXY00012';

async function served(page: Page): Promise<number> {
  await page.goto('/services/progress');
  const text = await page.getByTestId('progress-served').locator('.ant-statistic-content-value').innerText();
  return Number(text.replace(/[^\d]/g, ''));
}

test('changchun records a service for a new enterprise and the progress of 长春市 goes up by one', async ({ page }) => {
  await signIn(page, 'changchun');

  // A newly registered enterprise, registered through the API as the signed-in user.
  const me = await (await page.request.get('/api/v1/auth/me')).json();
  const created = await page.request.post('/api/v1/enterprises', {
    headers: { 'x-csrf-token': me.csrfToken },
    data: {
      creditCode: CODE,
      name: '长春市新企服务演示有限公司',
      regionCode: '220102',
      industryCode: '5211',
      registeredOn: new Date(Date.now() - 30 * 86400_000).toISOString().slice(0, 10),
    },
  });
  expect(created.status()).toBe(201);
  const enterprise = await created.json();

  const before = await served(page);
  await shot(page, '40-progress-before');

  await page.goto(`/enterprises/${enterprise.id}`);
  await expect(page.getByTestId('service-history')).toContainText('尚无对该企业的服务记录');
  await page.getByTestId('service-add').click();
  const drawer = page.getByTestId('service-drawer');
  await expect(drawer).toBeVisible();
  await drawer.getByLabel('劳动合同').check();
  await drawer.getByLabel('社会保险').check();
  // Saving without a team member names the field.
  await page.getByTestId('service-submit').click();
  await expect(drawer).toContainText('请至少选择一名服务人员');
  // One of 长春市's team (the picker offers the region's team and the province's).
  // The team loads when the picker opens: choose again until the choice shows in the field (a click while the
  // options were still arriving once chose nothing).
  const experts = drawer.getByTestId('service-form-experts');
  await expect(async () => {
    await experts.click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: '长春市' })
      .first()
      .click({ timeout: 2_000 });
    await drawer.locator('.ant-drawer-title').click();
    await expect(experts.locator('.ant-select-selection-item')).not.toHaveCount(0, { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await page.getByTestId('service-form-findings').fill('两名员工入职超过一个月未签订书面劳动合同，已指导补签。');
  await shot(page, '41-service-form');
  await page.getByTestId('service-submit').click();
  await expect(drawer).toBeHidden();
  await expect(page.getByTestId('service-history')).toContainText('已指导补签');

  expect(await served(page)).toBe(before + 1);
  await expect(page.getByTestId('progress-chart')).toBeVisible();
  await shot(page, '42-progress-after');

  // The same record in the region's list, marked as a new enterprise's.
  await page.goto('/services/records');
  const row = page.locator('.ant-table-row').filter({ hasText: '长春市新企服务演示有限公司' });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('新企');
});
