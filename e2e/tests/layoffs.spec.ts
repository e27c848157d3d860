import { expect, type Page, test } from '@playwright/test';
import { shot, signIn } from './support.js';

/** An antd date picker by its form field's id: typed, then confirmed. */
async function typeDate(page: Page, id: string, date: string) {
  await page.locator(`#${id}`).fill(date);
  await page.locator(`#${id}`).press('Enter');
}

const inDays = (n: number) => new Date(Date.now() + 8 * 3_600_000 + n * 86_400_000).toISOString().slice(0, 10);

test('changchun records a layoff that meets 第四十一条 and sees the missing steps, then records them', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await signIn(page, 'changchun');

  // The list: the demo plans of 长春市, one of them missing both steps.
  await page.getByTestId('menu-layoff-plans').click();
  await expect(page).toHaveURL(/\/layoffs$/);
  // The first list of a fresh database may take a while on a busy machine.
  await expect(page.getByTestId('plan-link').first()).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('plan-view').getByText('程序缺失').click();
  await expect(page.getByTestId('plan-link')).toHaveCount(1);
  await expect(page.getByTestId('plan-steps').first()).toContainText('未履行');
  await shot(page, '80-layoff-plans');

  // An enterprise of 长春市 without a plan this year, searched by its credit code in the picker.
  const planned = await (await page.request.get('/api/v1/layoff-plans?pageSize=100')).json();
  const taken = new Set(planned.items.map((p: { enterpriseId: string }) => p.enterpriseId));
  const firms = await (await page.request.get('/api/v1/enterprises?pageSize=50')).json();
  const firm = firms.items.find((e: { id: string }) => !taken.has(e.id));
  expect(firm).toBeTruthy();

  await page.getByTestId('plan-new').click();
  await expect(page).toHaveURL(/\/layoffs\/new$/);
  const picker = page.getByTestId('plan-enterprise');
  await expect(async () => {
    if (!(await page.locator('.ant-select-dropdown:visible').count())) await picker.click();
    await picker.locator('input').fill(firm.creditCode);
    // The search answers after a pause: wait until the list holds only the match, then choose it.
    const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await expect(options).toHaveCount(1, { timeout: 3_000 });
    await options.filter({ hasText: firm.creditCode }).click({ timeout: 2_000 });
    // The dropdown is portalled out of the form: the code inside the form is the chosen value.
    await expect(page.getByTestId('plan-form')).toContainText(firm.creditCode, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await page.locator('#employees').fill('');
  await page.locator('#employees').fill('200');
  await page.locator('#plannedLayoffs').fill('25');
  await page.getByTestId('plan-ground').click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: '生产经营发生严重困难' })
    .click();
  await typeDate(page, 'plannedOn', inDays(60));
  await page.locator('#fundsAvailable').fill('2000000');
  await page.locator('#averageMonthlyWage').fill('5200');
  await page.locator('#averageServiceMonths').fill('80');

  // The live check, before anything is saved: core's rule in the page.
  const live = page.getByTestId('plan-live');
  await expect(live.getByTestId('plan-verdict')).toContainText('属于经济性裁员');
  await expect(live.getByTestId('plan-warning-explain_missing')).toContainText(`最迟于 ${inDays(30)}`);
  await expect(live.getByTestId('plan-warning-report_missing')).toBeVisible();
  await expect(live.getByTestId('plan-ability')).toContainText('支付能力充足');

  // A woman on maternity leave on the list is flagged as not to be laid off.
  await page.getByTestId('staff-add').click();
  await page.locator('#person_name').fill('张海燕');
  await page.locator('#person_idNumber').fill('220102199002020022');
  await typeDate(page, 'person_serviceStart', '2016-05-01');
  await page.locator('#person_averageMonthlyWage').fill('5200');
  await page.getByTestId('person-protected').click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: '女职工在孕期' })
    .click();
  await page.locator('.ant-modal-footer .ant-btn-primary').click();
  await expect(page.getByTestId('staff-protected')).toHaveText('不得裁减');
  await expect(live.getByTestId('plan-warning-protected_on_list')).toBeVisible();
  await shot(page, '81-layoff-plan-new');

  await page.getByTestId('plan-save').click();
  await expect(page).toHaveURL(/\/layoffs\/[0-9a-f-]{36}$/);
  // The saved plan, as the server checked it: the same warnings; the number masked.
  await expect(page.getByTestId('plan-staff')).toContainText('220102********0022');
  await expect(live.getByTestId('plan-warning-explain_missing')).toBeVisible();
  await expect(live.getByTestId('plan-warning-report_missing')).toBeVisible();
  await expect(live.getByTestId('plan-step-explain')).toContainText('未履行');
  await shot(page, '82-layoff-plan-saved');
  const planUrl = page.url();

  // The save ran the early-warning rules: the bell tells changchun, the warning opens in the inbox.
  await expect(async () => {
    await page.getByTestId('notification-bell').click();
    await page
      .getByTestId('notification-item')
      .filter({ hasText: '经济性裁员程序未履行' })
      .filter({ hasText: firm.name })
      .first()
      .click({ timeout: 3_000 });
    await expect(page).toHaveURL(/\/warnings\?id=/, { timeout: 3_000 });
  }).toPass({ timeout: 30_000 });
  const drawer = page.getByTestId('warning-drawer');
  await expect(drawer.getByTestId('warning-text')).toContainText(`最迟于 ${inDays(30)}`);
  await expect(drawer.getByTestId('warning-severity')).toHaveText('严重');
  await expect(drawer.getByTestId('warning-status')).toHaveText('新预警');
  // Resolving needs a note; with it the warning is resolved, in the history with its note.
  await drawer.getByTestId('warning-resolve').click();
  await drawer.getByTestId('warning-submit').click();
  await expect(drawer.getByText('请填写处理说明')).toBeVisible();
  await drawer.getByTestId('warning-note').fill('已约谈企业，企业承诺在裁员前向工会说明情况并报告方案');
  await drawer.getByTestId('warning-submit').click();
  await expect(drawer.getByTestId('warning-status')).toHaveText('已解除');
  await expect(drawer.getByTestId('warning-history')).toContainText('已约谈企业');
  await shot(page, '83-warning-resolved');
  await page.goto(planUrl);

  // The union told and the plan reported today, the protected person taken off the list: no step is missing.
  await typeDate(page, 'explainedOn', inDays(0));
  await typeDate(page, 'reportedOn', inDays(0));
  await page.getByTestId('plan-staff').getByRole('button', { name: '移出名单' }).click();
  await page.getByTestId('plan-save').click();
  await expect(page.getByText('裁员方案已保存。').last()).toBeVisible();
  await expect(live.getByTestId('plan-step-explain')).toContainText('已履行');
  await expect(live.getByTestId('plan-step-report')).toContainText('已履行');
  await expect(live.getByTestId('plan-warning-explain_missing')).toHaveCount(0);
  await expect(live.getByTestId('plan-warning-protected_on_list')).toHaveCount(0);
});
