import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { DISPUTE_TYPE_LABELS } from '@hexie/core';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Skeleton, Space } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { mediationApi, mediationKeys } from '../../api/mediation';
import { ProblemAlert } from '../../shared/problem-alert';
import './mediation.css';

const cnDate = (d: string) => dayjs(d).format('YYYY年M月D日');

/**
 * 劳动争议调解协议书: the agreement of a case laid out as the document the parties sign, for the browser's print
 * (the staff frame is not printed). The document is in Chinese, as the law's forms are. The parties' ID numbers
 * appear in full: the printed agreement is for the parties, and opening it is audited as a reveal.
 */
export function MediationAgreementPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const detail = useQuery({
    queryKey: mediationKeys.case(id, true),
    queryFn: ({ signal }) => mediationApi.case(id, true, signal),
  });
  const c = detail.data;
  return (
    <div data-testid="mediation-agreement-page">
      <Space className="hx-no-print" style={{ marginBottom: 16 }}>
        <Link to={`/mediation/cases/${id}`}>
          <Button icon={<ArrowLeftOutlined />}>{t('mediation.backToCase')}</Button>
        </Link>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!c?.agreement}>
          {t('mediation.print')}
        </Button>
      </Space>
      {detail.error ? <ProblemAlert error={detail.error} /> : null}
      {detail.isPending ? <Skeleton active /> : null}
      {c && !c.agreement ? <Alert type="info" showIcon title={t('mediation.noAgreement')} /> : null}
      {c?.agreement ? (
        <article className="hx-document" data-testid="agreement-document">
          <h1>劳动争议调解协议书</h1>
          <p className="hx-document-no">编号：{c.trackingCode}</p>
          <p>
            <strong>申请人：</strong>
            {c.applicant.name}，公民身份号码 {c.applicant.idNumber}，联系电话 {c.applicant.phone}。
          </p>
          <p>
            <strong>被申请人：</strong>
            {c.respondent.name}
            {c.respondent.creditCode ? `，统一社会信用代码 ${c.respondent.creditCode}` : ''}。
          </p>
          <p>
            <strong>调解组织：</strong>
            {c.orgName}
          </p>
          <p>
            {`申请人因${c.disputeTypes.map((d) => DISPUTE_TYPE_LABELS[d]['zh-CN']).join('、')}争议${
              c.claimAmount !== null ? `（请求金额 ${c.claimAmount.toLocaleString('zh-CN')} 元）` : ''
            }，于 ${cnDate(c.receivedOn)}向本调解组织申请调解。本调解组织依照《中华人民共和国劳动争议调解仲裁法》的规定受理后，在查明事实、分清是非的基础上进行了调解。`}
          </p>
          <h2>争议事实与请求</h2>
          <p className="hx-document-text">{c.facts}</p>
          <h2>经调解，双方自愿达成如下协议</h2>
          <p className="hx-document-text" data-testid="agreement-terms">
            {c.agreement.terms}
          </p>
          <p>履行期限：双方应于 {cnDate(c.agreement.performanceDeadline)} 前履行完毕。</p>
          <p>
            {`本协议自双方当事人签名或者盖章，经调解员签名并加盖调解组织印章后生效，对双方当事人具有约束力，当事人应当履行。双方当事人可以自本协议生效之日起十五日内共同向劳动人事争议仲裁委员会提出仲裁审查申请（本协议于 ${cnDate(c.agreement.effectiveOn)}生效，申请期限至 ${cnDate(c.agreement.reviewDue)}）。`}
          </p>
          <p>本协议一式三份，双方当事人和调解组织各执一份。</p>
          <div className="hx-document-signs">
            <div>申请人（签名）：</div>
            <div>被申请人（签名或盖章）：</div>
            <div>调解员（签名）：</div>
            <div>
              {c.orgName}（印章）
              <br />
              {cnDate(c.agreement.effectiveOn)}
            </div>
          </div>
        </article>
      ) : null}
    </div>
  );
}
