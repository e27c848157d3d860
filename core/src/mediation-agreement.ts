import { can, type Role } from './access.js';
import { format, type Lang, type Messages } from './i18n.js';
import { DISPUTE_TYPE_LABELS, type DisputeType } from './mediation.js';

/**
 * 劳动争议调解协议书 (劳动争议调解仲裁法 Art. 14, 人社部令第17号): the agreement's template, one wording for the
 * printable page and the .docx file. The document the parties sign is in Chinese, as the law's forms are; the
 * en-US wording is there to read it, not to sign it.
 */

/** The fixed wording and the field labels; `{name}` placeholders are filled by `agreementDocument`. */
export const AGREEMENT_TEXT = {
  title: { 'zh-CN': '劳动争议调解协议书', 'en-US': 'Labor Dispute Mediation Agreement' },
  number: { 'zh-CN': '编号：{code}', 'en-US': 'No. {code}' },
  applicant: { 'zh-CN': '申请人：', 'en-US': 'Applicant: ' },
  applicantDetail: {
    'zh-CN': '{name}，公民身份号码 {idNumber}，联系电话 {phone}。',
    'en-US': '{name}, citizen ID number {idNumber}, telephone {phone}.',
  },
  respondent: { 'zh-CN': '被申请人：', 'en-US': 'Respondent: ' },
  respondentWithCode: {
    'zh-CN': '{name}，统一社会信用代码 {creditCode}。',
    'en-US': '{name}, unified social credit code {creditCode}.',
  },
  respondentName: { 'zh-CN': '{name}。', 'en-US': '{name}.' },
  org: { 'zh-CN': '调解组织：', 'en-US': 'Mediation organisation: ' },
  claim: { 'zh-CN': '（请求金额 {amount} 元）', 'en-US': ' (amount claimed: CNY {amount})' },
  typeSeparator: { 'zh-CN': '、', 'en-US': '; ' },
  intro: {
    'zh-CN':
      '申请人因{types}争议{claim}，于{receivedOn}向本调解组织申请调解。本调解组织依照《中华人民共和国劳动争议调解仲裁法》的规定受理后，在查明事实、分清是非的基础上进行了调解。',
    'en-US':
      'The applicant applied to this organisation for mediation on {receivedOn} over a dispute about {types}{claim}. Having accepted it under the Law on Mediation and Arbitration of Labor Disputes, this organisation mediated on the basis of the facts established.',
  },
  factsHeading: { 'zh-CN': '争议事实与请求', 'en-US': 'Facts and claims' },
  termsHeading: {
    'zh-CN': '经调解，双方自愿达成如下协议',
    'en-US': 'Through mediation, the parties have freely agreed as follows',
  },
  performance: {
    'zh-CN': '履行期限：双方应于{deadline}前履行完毕。',
    'en-US': 'Performance: the parties shall perform this agreement by {deadline}.',
  },
  effect: {
    'zh-CN':
      '本协议自双方当事人签名或者盖章，经调解员签名并加盖调解组织印章后生效，对双方当事人具有约束力，当事人应当履行。双方当事人可以自本协议生效之日起十五日内共同向劳动人事争议仲裁委员会提出仲裁审查申请（本协议于{effectiveOn}生效，申请期限至{reviewDue}）。',
    'en-US':
      'This agreement takes effect once signed or sealed by both parties, signed by the mediator and sealed by the organisation; it binds both parties, who shall perform it. Within fifteen days of its effect the parties may jointly apply to the labor and personnel dispute arbitration commission for arbitral review (it took effect on {effectiveOn}; the application is due by {reviewDue}).',
  },
  copies: {
    'zh-CN': '本协议一式三份，双方当事人和调解组织各执一份。',
    'en-US': 'This agreement is made in three copies, one for each party and one for the organisation.',
  },
  signApplicant: { 'zh-CN': '申请人（签名）：', 'en-US': 'Applicant (signature):' },
  signRespondent: { 'zh-CN': '被申请人（签名或盖章）：', 'en-US': 'Respondent (signature or seal):' },
  signMediator: { 'zh-CN': '调解员（签名）：', 'en-US': 'Mediator (signature):' },
  seal: { 'zh-CN': '{org}（印章）', 'en-US': '{org} (seal)' },
} as const satisfies Record<string, Messages>;

/** What the agreement is made from: a case that reached one (the API's case detail fits). */
export interface AgreementInput {
  trackingCode: string;
  orgName: string;
  applicant: { name: string; idNumber: string; phone: string };
  respondent: { name: string; creditCode: string | null };
  disputeTypes: readonly DisputeType[];
  claimAmount: number | null;
  receivedOn: string;
  facts: string;
  agreement: { terms: string; performanceDeadline: string; effectiveOn: string; reviewDue: string };
}

/** The agreement as text blocks in reading order; the page and the .docx only lay them out. */
export interface AgreementDocument {
  title: string;
  /** 编号: the case's tracking code */
  number: string;
  /** 申请人, 被申请人, 调解组织: a bold label and its text */
  parties: { label: string; text: string }[];
  /** the claims (dispute types, amount) and the date received */
  intro: string;
  factsHeading: string;
  /** as written, line breaks kept */
  facts: string;
  termsHeading: string;
  terms: string;
  /** 履行期限 */
  performance: string;
  /** when it takes effect, and the last day of the joint application for arbitral review */
  effect: string;
  copies: string;
  /** 申请人, 被申请人, 调解员: the lines they sign on */
  signatures: { applicant: string; respondent: string; mediator: string };
  /** the organisation's name where it seals */
  seal: string;
  /** the date under the seal: the day it took effect */
  date: string;
}

/** 2026年1月5日 (a document's date, no leading zeros); en-US keeps the ISO date. */
export function documentDate(iso: string, lang: Lang = 'zh-CN'): string {
  if (lang !== 'zh-CN') return iso;
  const [y, m, d] = iso.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

/** An amount of yuan as written in a document: 12,000 or 12,000.5 (at most two decimals). */
export function documentAmount(n: number): string {
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(n);
}

/**
 * Whether a role sees the parties' ID and phone numbers in full on a case and its agreement: who handles cases
 * (the mediator prints the agreement for the parties to sign) or may see personal data. Each such view is audited.
 */
export function canSeeCaseParties(role: Role): boolean {
  return can(role, 'mediation:write') || can(role, 'personal:read');
}

/** The agreement of a case, filled in: the one template of the printable page and the .docx. */
export function agreementDocument(c: AgreementInput, lang: Lang = 'zh-CN'): AgreementDocument {
  const t = (key: keyof typeof AGREEMENT_TEXT, params?: Record<string, string>) =>
    format(AGREEMENT_TEXT[key][lang], params);
  const date = (iso: string) => documentDate(iso, lang);
  const a = c.agreement;
  return {
    title: t('title'),
    number: t('number', { code: c.trackingCode }),
    parties: [
      { label: t('applicant'), text: t('applicantDetail', { ...c.applicant }) },
      {
        label: t('respondent'),
        text: c.respondent.creditCode
          ? t('respondentWithCode', { name: c.respondent.name, creditCode: c.respondent.creditCode })
          : t('respondentName', { name: c.respondent.name }),
      },
      { label: t('org'), text: c.orgName },
    ],
    intro: t('intro', {
      types: c.disputeTypes.map((d) => DISPUTE_TYPE_LABELS[d][lang]).join(t('typeSeparator')),
      claim: c.claimAmount === null ? '' : t('claim', { amount: documentAmount(c.claimAmount) }),
      receivedOn: date(c.receivedOn),
    }),
    factsHeading: t('factsHeading'),
    facts: c.facts,
    termsHeading: t('termsHeading'),
    terms: a.terms,
    performance: t('performance', { deadline: date(a.performanceDeadline) }),
    effect: t('effect', { effectiveOn: date(a.effectiveOn), reviewDue: date(a.reviewDue) }),
    copies: t('copies'),
    signatures: { applicant: t('signApplicant'), respondent: t('signRespondent'), mediator: t('signMediator') },
    seal: t('seal', { org: c.orgName }),
    date: date(a.effectiveOn),
  };
}
