import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from './access.js';
import {
  AGREEMENT_TEXT,
  type AgreementInput,
  agreementDocument,
  canSeeCaseParties,
  documentAmount,
  documentDate,
} from './mediation-agreement.js';

const agreed: AgreementInput = {
  trackingCode: 'K7M2Q9XA',
  orgName: '长春市朝阳区劳动人事争议调解中心',
  applicant: { name: '张三', idNumber: '11010519491231002X', phone: '13800138000' },
  respondent: { name: '长春市某某商贸有限公司', creditCode: '91220101MA0Y5XG21M' },
  disputeTypes: ['wages', 'severance'],
  claimAmount: 12000.5,
  receivedOn: '2026-09-22',
  facts: '公司拖欠工资。\n多次催要未果。',
  agreement: {
    terms: '被申请人于 12 月 31 日前支付工资 6,000 元。',
    performanceDeadline: '2026-12-31',
    effectiveOn: '2026-10-09',
    reviewDue: '2026-10-24',
  },
};

describe('the agreement document', () => {
  it('fills the template with the parties, the claims, the terms and the dates, in Chinese', () => {
    const d = agreementDocument(agreed);
    expect(d.title).toBe('劳动争议调解协议书');
    expect(d.number).toBe('编号：K7M2Q9XA');
    expect(d.parties).toEqual([
      { label: '申请人：', text: '张三，公民身份号码 11010519491231002X，联系电话 13800138000。' },
      { label: '被申请人：', text: '长春市某某商贸有限公司，统一社会信用代码 91220101MA0Y5XG21M。' },
      { label: '调解组织：', text: '长春市朝阳区劳动人事争议调解中心' },
    ]);
    expect(d.intro).toBe(
      '申请人因劳动报酬、经济补偿、赔偿金争议（请求金额 12,000.5 元），于2026年9月22日向本调解组织申请调解。' +
        '本调解组织依照《中华人民共和国劳动争议调解仲裁法》的规定受理后，在查明事实、分清是非的基础上进行了调解。',
    );
    expect(d.facts).toBe(agreed.facts);
    expect(d.terms).toBe(agreed.agreement.terms);
    expect(d.performance).toBe('履行期限：双方应于2026年12月31日前履行完毕。');
    expect(d.effect).toContain('（本协议于2026年10月9日生效，申请期限至2026年10月24日）');
    expect(d.signatures).toEqual({
      applicant: '申请人（签名）：',
      respondent: '被申请人（签名或盖章）：',
      mediator: '调解员（签名）：',
    });
    expect(d.seal).toBe('长春市朝阳区劳动人事争议调解中心（印章）');
    expect(d.date).toBe('2026年10月9日');
  });

  it('leaves out a missing credit code and amount; braces in what a party wrote are kept as written', () => {
    const d = agreementDocument({
      ...agreed,
      applicant: { ...agreed.applicant, name: '李{name}' },
      respondent: { name: '某个体工商户', creditCode: null },
      disputeTypes: ['other'],
      claimAmount: null,
    });
    expect(d.parties[0]?.text.startsWith('李{name}，')).toBe(true);
    expect(d.parties[1]?.text).toBe('某个体工商户。');
    expect(d.intro.startsWith('申请人因其他争议，于2026年9月22日')).toBe(true);
    expect(d.intro).not.toContain('请求金额');
  });

  it('has an en-US reading with every placeholder filled', () => {
    const d = agreementDocument(agreed, 'en-US');
    expect(d.intro).toContain('Wages; Severance and compensation (amount claimed: CNY 12,000.5)');
    expect(JSON.stringify(d)).not.toMatch(/\{\w+\}/);
    expect(Object.values(AGREEMENT_TEXT).every((m) => m['zh-CN'] && m['en-US'])).toBe(true);
  });

  it('writes dates and amounts as a document does', () => {
    expect(documentDate('2026-01-05')).toBe('2026年1月5日');
    expect(documentDate('2026-01-05', 'en-US')).toBe('2026-01-05');
    expect(documentAmount(12000)).toBe('12,000');
    expect(documentAmount(0.125)).toBe('0.13');
  });

  it('shows the parties’ numbers in full to who handles cases or may see personal data, to no one else', () => {
    const full = Object.fromEntries(ROLES.map((r) => [r, canSeeCaseParties(r)])) as Record<Role, boolean>;
    expect(full).toEqual({
      province_admin: true,
      region_admin: true,
      region_staff: true,
      mediation_staff: true,
      social_org_staff: false,
      enterprise_user: false,
    });
  });
});
