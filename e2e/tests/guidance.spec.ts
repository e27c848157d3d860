import { expect, test } from '@playwright/test';
import { shot, signIn } from './support.js';

test('the public searches 经济补偿 without signing in and reads a policy', async ({ page }) => {
  await page.goto('/login');
  await page.getByTestId('login-guide-link').click();
  await expect(page).toHaveURL(/\/guide$/);
  await expect(page.getByTestId('guide-latest')).toBeVisible();
  await expect(page.getByTestId('guide-login')).toBeVisible();
  await shot(page, '60-guide-home');

  // No spaces, no segmentation: the words are found inside running text.
  await page.getByTestId('guide-home-search').locator('input').fill('经济补偿');
  await page.getByTestId('guide-home-search').locator('input').press('Enter');
  await expect(page).toHaveURL(/\/guide\/policies\?q=/);
  await expect(page.getByTestId('guide-policy-total')).toContainText('经济补偿');
  const law = page.getByTestId('guide-policy-link').filter({ hasText: /^中华人民共和国劳动合同法$/ });
  await expect(law).toBeVisible();
  await expect(page.getByTestId('guide-policy-list').locator('mark').first()).toHaveText('经济补偿');
  await shot(page, '61-guide-search');

  await law.click();
  await expect(page.getByTestId('guide-policy-title')).toHaveText('中华人民共和国劳动合同法');
  await expect(page.getByTestId('guide-policy')).toContainText('主席令第六十五号');
  await expect(page.getByTestId('guide-policy')).toContainText('2008-01-01');
  await expect(page.getByTestId('guide-policy-body').locator('mark').first()).toHaveText('经济补偿');
  await shot(page, '62-guide-policy');

  // Nobody signed in all along.
  expect((await page.request.get('/api/v1/auth/me')).status()).toBe(401);
});

test('the public completes the self-check and reads a report naming each risk with its legal basis', async ({
  page,
}) => {
  await page.goto('/guide');
  await page.getByTestId('guide-start-check').click();
  await expect(page).toHaveURL(/\/guide\/self-check/);
  await expect(page.getByTestId('sc-area')).toHaveText('劳动合同');
  await page.getByTestId('sc-q-c1').getByText('否', { exact: true }).click();
  await page.getByTestId('sc-q-c2').getByText('是', { exact: true }).click();
  await page.getByTestId('sc-next').click();
  await expect(page.getByTestId('sc-area')).toHaveText('工作时间');
  await page.getByTestId('sc-q-h3').getByText('否', { exact: true }).click();
  // On through the remaining areas to the last step.
  while (await page.getByTestId('sc-next').isVisible()) await page.getByTestId('sc-next').click();
  await expect(page.getByTestId('sc-area')).toHaveText('解除终止与裁员');
  await page.getByTestId('sc-submit').click();

  const report = page.getByTestId('sc-report');
  await expect(report).toBeVisible();
  await expect(page.getByTestId('sc-score')).toHaveText('80');
  const contract = page.getByTestId('sc-risk-c1');
  await expect(contract.getByTestId('sc-risk-title')).toHaveText('未在用工之日起一个月内订立书面劳动合同');
  await expect(contract.getByTestId('sc-risk-basis')).toHaveText('《劳动合同法》第十条、第八十二条');
  await expect(page.getByTestId('sc-risk-h3').getByTestId('sc-risk-basis')).toHaveText('《劳动法》第四十四条');
  // What was not answered is said, not silently counted as fine.
  await expect(page.getByTestId('sc-unanswered')).toContainText('未作答');
  await expect(page.getByTestId('sc-print')).toBeVisible();
  await shot(page, '63-self-check-report');
});

test('an enterprise user signs in from the report and keeps it; it is listed as theirs', async ({ page }) => {
  await page.goto('/guide/self-check');
  await page.getByTestId('sc-q-c1').getByText('否', { exact: true }).click();
  await page.getByTestId('sc-submit-now').click();
  await expect(page.getByTestId('sc-report')).toBeVisible();
  await expect(page.getByTestId('sc-keep')).toHaveCount(0);
  await page.getByTestId('sc-report').getByRole('link', { name: /登录/ }).click();
  await expect(page).toHaveURL(/\/login\?next=/);
  await signIn(page, 'qiye');
  // Back on the report, computed again from the answers of this tab.
  await expect(page).toHaveURL(/\/guide\/self-check/);
  await expect(page.getByTestId('sc-risk-c1')).toBeVisible();
  await page.getByTestId('sc-keep').click();
  await expect(page.getByTestId('sc-keep')).toBeDisabled();
  await expect(page.getByTestId('sc-my-reports')).toContainText('90 分');
  await shot(page, '64-self-check-kept');
});

test('staff add a policy (the server names a bad field), publish it, and the public finds it by 文号', async ({
  page,
}) => {
  await page.goto('/login');
  await signIn(page, 'admin');
  await page.getByTestId('menu-guidance-policies').click();
  await expect(page.getByTestId('admin-policies-table')).toContainText('已发布');
  await page.getByTestId('policy-create').click();
  await page.getByTestId('policy-form-title').fill('某');
  await page.getByTestId('policy-form-issuer').fill('吉林省人力资源和社会保障厅');
  await page.getByTestId('policy-form-docNumber').fill('吉人社测〔2026〕8号');
  await page.getByTestId('policy-form-body').fill('用人单位应当依法支付经济补偿。');
  await page.getByTestId('policy-submit').click();
  await expect(page.getByTestId('policy-drawer')).toContainText('标题至少需要 2 个字符');
  await page.getByTestId('policy-form-title').fill('端到端测试政策');
  await page.getByTestId('policy-form-published').click();
  await page.getByTestId('policy-submit').click();
  await expect(page.getByTestId('policy-drawer')).toBeHidden();
  await expect(page.getByTestId('admin-policies-table')).toContainText('端到端测试政策');
  await shot(page, '65-admin-policies');

  await page.goto(`/guide/policies?q=${encodeURIComponent('测〔2026〕8')}`);
  await expect(page.getByTestId('guide-policy-link')).toHaveText(['端到端测试政策']);
});

test('anyone counts a legal deadline across the National Day holiday, on a phone too', async ({ page }) => {
  await page.goto('/guide');
  await page.getByTestId('guide-nav-deadline').click();
  await expect(page).toHaveURL(/\/guide\/deadline$/);
  await expect(page.getByTestId('deadline-result')).toHaveCount(0);

  // The mediation period from its preset: 15 days from receipt, ending in the holiday.
  await page.getByTestId('deadline-period').click();
  await page.getByText('调解期限（15 日）', { exact: true }).click();
  await expect(page.locator('#days')).toHaveValue('15');
  await page.locator('#start').fill('2026-09-22');
  await page.locator('#start').press('Enter');
  await page.getByTestId('deadline-submit').click();
  await expect(page.getByTestId('deadline-due')).toHaveText('2026年10月8日（星期四）');
  await expect(page.getByTestId('deadline-result')).toContainText('国庆节');
  await expect(page.getByTestId('deadline-result')).toContainText('第二百零三条');
  await shot(page, '66-guide-deadline');

  // The acceptance decision: 3 working days, the make-up Saturday counted.
  await page.getByTestId('deadline-period').click();
  await page.getByText('调解申请受理决定（3 个工作日）', { exact: true }).click();
  await page.locator('#start').fill('2026-09-30');
  await page.locator('#start').press('Enter');
  await page.getByTestId('deadline-submit').click();
  await expect(page.getByTestId('deadline-due')).toHaveText('2026年10月10日（星期六）');

  // A year the calendar lacks is said so, on a phone-sized screen.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByTestId('deadline-period').click();
  await page.getByText('调解期限（15 日）', { exact: true }).click();
  await page.locator('#start').fill('2026-12-20');
  await page.locator('#start').press('Enter');
  await page.getByTestId('deadline-submit').click();
  await expect(page.getByTestId('deadline-calendar-missing')).toContainText('2027 年的节假日安排尚未收录');
  await expect(page.getByTestId('deadline-due')).toHaveText('2027年1月4日（星期一）');
  await page.getByTestId('deadline-result').scrollIntoViewIfNeeded();
  await shot(page, '67-guide-deadline-phone');
});
