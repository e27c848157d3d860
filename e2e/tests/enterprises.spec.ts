import { expect, test } from '@playwright/test';
import { pickInTree, shot, signIn, signOut } from './support.js';

/** Valid 统一社会信用代码 (check characters computed with core's rule when this test was written). */
const CODE = '91220102MAE2E0001R';

test('changchun registers an enterprise, finds it, reveals its phone; a notice reaches an enterprise inbox', async ({
  page,
}) => {
  await signIn(page, 'changchun');
  await page.getByTestId('menu-enterprises').click();
  await expect(page.getByTestId('enterprises-table')).toBeVisible();
  // The demo register has enterprises of 长春市 and none of 吉林市.
  await expect(page.getByTestId('enterprises-table')).toContainText('长春');
  await expect(page.getByTestId('enterprises-table')).not.toContainText('吉林市船营区');

  await page.getByTestId('enterprise-create').click();
  const drawer = page.getByTestId('enterprise-drawer');
  // A wrong check character: the server names the field.
  await page.getByTestId('enterprise-form-creditCode').fill(`${CODE.slice(0, 17)}0`);
  await page.getByTestId('enterprise-form-name').fill('长春市端到端测试精工有限公司');
  await pickInTree(page, page.getByTestId('enterprise-form-region'), '南关区', '南关区');
  await pickInTree(page, page.getByTestId('enterprise-form-industry'), '金属结构制造', '3311 金属结构制造');
  await page.getByTestId('enterprise-form-employees').fill('350');
  await page.getByTestId('enterprise-form-contactPhone').fill('13900001234');
  await page.getByTestId('enterprise-submit').click();
  await expect(drawer).toContainText('校验码不正确');
  await shot(page, '20-enterprise-bad-code');

  // Lower case is fine: the code is normalised.
  await page.getByTestId('enterprise-form-creditCode').fill(CODE.toLowerCase());
  await page.getByTestId('enterprise-submit').click();
  await expect(drawer).toBeHidden();

  // Any part of the name finds it, without spaces.
  await page.getByTestId('enterprises-filter-q').fill('端到端测试精工');
  await page.getByTestId('enterprises-search').click();
  const table = page.getByTestId('enterprises-table');
  await expect(table).toContainText(CODE);
  await shot(page, '21-enterprise-found');
  await page.getByTestId(`enterprise-link-${CODE}`).click();
  await expect(page.getByTestId('enterprise-detail')).toContainText('长春市端到端测试精工有限公司');
  await expect(page.getByTestId('enterprise-phone')).toHaveText('139****1234');
  await page.getByTestId('enterprise-reveal').click();
  await expect(page.getByTestId('enterprise-phone')).toHaveText('13900001234');
  await shot(page, '22-enterprise-detail');

  // Editing sends only what changed (and says so when nothing did).
  await page.getByTestId('menu-enterprises').click();
  await page.getByTestId('enterprises-filter-q').fill('端到端测试精工');
  await page.getByTestId('enterprises-search').click();
  await page.getByTestId(`enterprise-edit-${CODE}`).click();
  await expect(page.getByTestId('enterprise-form-name')).toHaveValue('长春市端到端测试精工有限公司');
  await page.getByTestId('enterprise-submit').click();
  await expect(page.getByText('没有需要保存的修改。')).toBeVisible();
  await expect(drawer).toBeHidden();
  await page.getByTestId(`enterprise-edit-${CODE}`).click();
  await page.getByTestId('enterprise-form-employees').fill('360');
  await page.getByTestId('enterprise-submit').click();
  await expect(drawer).toBeHidden();
  await expect(page.getByTestId('enterprises-table')).toContainText('360');

  // A guidance notice to the new enterprises of 南关区.
  await page.getByTestId('menu-notices').click();
  await page.getByTestId('notice-compose').click();
  await page.getByTestId('notice-drawer').getByRole('combobox').first().click();
  await page.keyboard.type('南关区');
  await page.locator('.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper').getByText('南关区').click();
  await expect(page.getByTestId('notice-preview')).toContainText('将推送给');
  await page.getByTestId('notice-title').fill('端到端测试：劳动合同签订提醒');
  await page.getByTestId('notice-body').fill('请于用工之日起一个月内与劳动者订立书面劳动合同。');
  await shot(page, '23-notice-compose');
  await page.getByTestId('notice-send').click();
  await expect(page.getByTestId('notice-drawer')).toBeHidden();
  await expect(page.getByTestId('notices-page')).toContainText('端到端测试：劳动合同签订提醒');
  await signOut(page);

  // The demo enterprise user of 南关区 (a recently registered enterprise) reads it.
  await signIn(page, 'qiye');
  await expect(page.getByTestId('enterprise-home')).toBeVisible();
  await expect(page.getByTestId('menu-enterprises')).toHaveCount(0);
  await page.getByTestId('open-inbox').click();
  const inbox = page.getByTestId('inbox-list');
  await expect(inbox).toContainText('端到端测试：劳动合同签订提醒');
  await inbox.getByText('端到端测试：劳动合同签订提醒').click();
  await expect(inbox).toContainText('一个月内与劳动者订立书面劳动合同');
  await shot(page, '24-inbox');
});
