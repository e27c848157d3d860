import { expect, test } from '@playwright/test';
import { pickInTree, shot, signIn } from './support.js';

/** The smallest PNG: its first bytes are what the server checks. */
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);

test('a worker applies on a phone, staff carry the case to an agreement, the worker sees it', async ({ page }) => {
  // The whole story in one test: the public, the organisation, the case file, the statistics, the public again.
  test.setTimeout(180_000);
  // The worker, on a phone-sized screen, without an account.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/guide');
  await page.getByTestId('guide-nav-mediation').click();
  await expect(page).toHaveURL(/\/guide\/mediation$/);
  await page.locator('#applicantName').fill('张小明');
  await page.locator('#idNumber').fill('11010519491231002X');
  await page.locator('#phone').fill('13800138000');
  await page.locator('#respondentName').fill('长春市某某商贸有限公司');
  await pickInTree(page, page.getByTestId('mediation-region'), '朝阳区', /^朝阳区$/);
  await page.getByLabel('劳动报酬').check();
  await page.locator('#claimAmount').fill('12000');
  await page.locator('#facts').fill('公司拖欠 2026 年 8 月至 9 月工资共计一万二千元，多次催要未果。');
  // A photo of the pay slip goes with the application (sent once it has its tracking code).
  await page
    .getByTestId('mediation-evidence')
    .locator('input[type=file]')
    .setInputFiles({ name: '工资条.png', mimeType: 'image/png', buffer: PNG });
  await expect(page.getByTestId('mediation-evidence')).toContainText('工资条.png');
  // Without the promise the form says what is missing.
  await page.getByTestId('mediation-submit').click();
  await expect(page.getByText('请阅读并勾选承诺')).toBeVisible();
  await page.getByTestId('mediation-agree').check();
  await shot(page, '70-mediation-apply-phone');
  await page.getByTestId('mediation-submit').click();
  await expect(page.getByTestId('mediation-receipt')).toBeVisible();
  const code = (await page.getByTestId('mediation-tracking-code').innerText()).trim();
  expect(code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
  await expect(page.getByText('朝阳区劳动人事争议调解中心')).toBeVisible();
  await expect(page.getByTestId('mediation-evidence-results')).toContainText('工资条.png');
  await shot(page, '71-mediation-receipt-phone');

  await page.getByTestId('mediation-go-track').click();
  await page.getByTestId('mediation-track-submit').click();
  await expect(page.getByTestId('mediation-track-status')).toHaveText('待受理');
  await expect(page.getByTestId('mediation-track-result')).not.toContainText('张小明');
  await shot(page, '72-mediation-track-phone');

  // The organisation's mediator takes it from the inbox to an agreement.
  await page.setViewportSize({ width: 1366, height: 800 });
  await signIn(page, 'tiaojie');
  // The statistics before: agreements so far this year.
  await page.getByTestId('menu-mediation-stats').click();
  const agreements = page.getByTestId('mediation-stats-agreement').locator('.ant-statistic-content-value');
  // The first statistics of a fresh database (a year of demo cases) may take a while on a busy machine.
  await expect(agreements).toHaveText(/\d/, { timeout: 30_000 });
  const before = Number((await agreements.innerText()).replace(/\D/g, ''));
  await page.getByTestId('menu-mediation-cases').click();
  await expect(page.getByTestId('mediation-cases-page')).toBeVisible();
  const row = page.getByTestId('case-link').filter({ hasText: code });
  await expect(row).toBeVisible();
  await expect(page.getByTestId('case-table')).not.toContainText('13800138000');
  // One organisation's inbox.
  await page.getByTestId('case-filter-org').click();
  await page.keyboard.type('朝阳区劳动');
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '长春市朝阳区劳动人事争议调解中心' })
    .click();
  await expect(page).toHaveURL(/orgId=/);
  await expect(row).toBeVisible();
  await page.keyboard.press('Escape');
  await shot(page, '73-mediation-inbox');
  await row.click();
  await expect(page.getByTestId('case-status')).toHaveText('待受理');

  const ok = page.getByRole('button', { name: /确\s*定/ });
  await page.getByTestId('case-action-accept').click();
  await ok.click();
  await expect(page.getByTestId('case-status')).toHaveText('已受理');
  await page.getByTestId('case-action-session').click();
  await page.locator('#mediatorName').fill('王立新');
  await page.locator('#participants').fill('张小明；公司人事经理李某');
  await page.locator('#record').fill('双方确认拖欠工资 12,000 元，公司同意分两期支付。');
  await ok.click();
  await expect(page.getByTestId('case-status')).toHaveText('调解中');
  await page.getByTestId('case-action-agree').click();
  await page.locator('#terms').fill('被申请人于 12 月 15 日、12 月 31 日前各向申请人支付工资 6,000 元。');
  await page.locator('#performanceDeadline').fill('2026-12-31');
  await page.locator('#performanceDeadline').press('Enter');
  await ok.click();
  await expect(page.getByTestId('case-status')).toHaveText('调解成功');
  await expect(page.getByTestId('case-timeline')).toContainText('双方确认拖欠工资');
  await expect(page.getByTestId('case-agreement')).toContainText('各向申请人支付工资 6,000 元');
  // The parties' numbers in full for the mediator, on request (audited).
  await page.getByTestId('case-reveal').click();
  await expect(page.getByTestId('case-applicant-phone')).toHaveText('13800138000');
  await shot(page, '74-mediation-case');
  // The case file: the worker's pay slip, and the joint application for arbitral review of the agreement.
  await expect(page.getByTestId('case-attachments')).toContainText('工资条.png');
  await expect(page.getByTestId('case-review-state')).toHaveText('可申请仲裁审查确认');
  await page.getByTestId('case-record-review').click();
  await page.locator('#commission').fill('长春市劳动人事争议仲裁委员会');
  await ok.click();
  await expect(page.getByTestId('case-review-state')).toHaveText('已申请，待仲裁委员会审查');
  await expect(page.getByTestId('case-timeline')).toContainText('仲裁审查确认');
  await shot(page, '78-mediation-case-file');

  // The agreement as the document the parties sign, ready to print.
  await page.getByTestId('case-print-agreement').click();
  const doc = page.getByTestId('agreement-document');
  await expect(doc).toContainText('劳动争议调解协议书');
  await expect(doc).toContainText('11010519491231002X');
  await expect(doc).toContainText('2026年12月31日');
  await expect(doc).toContainText('朝阳区劳动人事争议调解中心');
  await shot(page, '76-mediation-agreement');
  // The same agreement as a Word file, under its Chinese name (the server's test reads the file itself).
  const [docx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('agreement-docx').click()]);
  expect(docx.suggestedFilename()).toMatch(/^劳动争议调解协议书-[2-9A-Z]{8}\.docx$/);
  // …and as a PDF with its Chinese font embedded.
  const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByTestId('agreement-pdf').click()]);
  expect(pdf.suggestedFilename()).toMatch(/^劳动争议调解协议书-[2-9A-Z]{8}\.pdf$/);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('menu-mediation-cases')).toBeHidden();
  await page.emulateMedia({ media: 'screen' });

  // The statistics count it.
  await page.getByTestId('menu-mediation-stats').click();
  await expect(agreements).toHaveText(String(before + 1));
  await expect(page.getByTestId('mediation-stats-chart')).toBeVisible();
  await page.waitForTimeout(1200); // the bars' animation, for the screenshot
  await shot(page, '75-mediation-stats');

  // The worker sees the result with the code and the phone.
  await page.goto(`/guide/mediation?tab=track`);
  await page.locator('#code').fill(code);
  await page.locator('#phone').fill('13800138000');
  await page.getByTestId('mediation-track-submit').click();
  await expect(page.getByTestId('mediation-track-status')).toHaveText('调解成功');
  // A wrong phone says nothing about the case.
  await page.locator('#phone').fill('13900000000');
  await page.getByTestId('mediation-track-submit').click();
  await expect(page.getByTestId('mediation-track-missing')).toBeVisible();
});

test('a mediation organisation is registered, gets its mediator and meets the plan standard', async ({ page }) => {
  await signIn(page, 'tiaojie');
  await page.getByTestId('menu-mediation-orgs').click();
  await expect(page.getByTestId('org-table')).toContainText('劳动人事争议调解中心');
  await page.getByTestId('org-add').click();
  await page.locator('#name').fill('长春市朝阳区红旗街道劳动争议调解委员会');
  await pickInTree(
    page,
    page.locator('.ant-drawer .ant-select').filter({ has: page.locator('#regionCode') }),
    '朝阳区',
    /^朝阳区$/,
  );
  for (const item of [
    '专门的办公场所和办公设施',
    '规范的调解组织名称和标识',
    '调解工作程序、工作职责和调解员行为规范上墙公布',
  ])
    await page.getByLabel(item).check();
  await page.getByTestId('org-save').click();
  await page.locator('.ant-drawer').waitFor({ state: 'hidden' });
  await page.getByPlaceholder('调解组织名称').fill('红旗街道');
  await page.getByPlaceholder('调解组织名称').press('Enter');
  const row = page.getByRole('row', { name: /红旗街道/ });
  await expect(row).toContainText('缺 1 项');
  await row.getByRole('button', { name: /展开|Expand/ }).click();
  await page.getByTestId('mediator-add').click();
  const dialog = page.getByRole('dialog');
  await dialog.locator('#name').fill('孙调解');
  await dialog.locator('#phone').fill('13900003333');
  await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
  await expect(page.getByTestId('org-mediators')).toContainText('139****3333');
  await expect(row).toContainText('已达标');
  await expect(dialog).toBeHidden();
  await shot(page, '77-mediation-orgs');
});
