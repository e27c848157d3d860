import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { agreementDocument, canSeeCaseParties } from '@hexie/core';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Skeleton, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { mediationApi, mediationKeys } from '../../api/mediation';
import { useSignedIn } from '../../app/auth';
import { ExportButton } from '../../shared/export-button';
import { ProblemAlert } from '../../shared/problem-alert';
import './mediation.css';

/**
 * 劳动争议调解协议书: the agreement of a case laid out as the document the parties sign, for the browser's print
 * (the staff frame is not printed), and as a Word file or a PDF (its Chinese font embedded) from the server. All
 * fill core's one template (`agreementDocument`), in Chinese, as the law's forms are. The parties' ID numbers appear in full for a role that
 * may see them (core's `canSeeCaseParties`; opening it is audited as a reveal, the file as an export), masked for
 * any other.
 */
export function MediationAgreementPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const reveal = canSeeCaseParties(useSignedIn().user.role);
  const detail = useQuery({
    queryKey: mediationKeys.case(id, reveal),
    queryFn: ({ signal }) => mediationApi.case(id, reveal, signal),
  });
  const c = detail.data;
  const doc = c?.agreement ? agreementDocument({ ...c, agreement: c.agreement }) : null;
  return (
    <div data-testid="mediation-agreement-page">
      <Space className="hx-no-print" style={{ marginBottom: 16 }} wrap>
        <Link to={`/mediation/cases/${id}`}>
          <Button icon={<ArrowLeftOutlined />}>{t('mediation.backToCase')}</Button>
        </Link>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!doc}>
          {t('mediation.print')}
        </Button>
        <ExportButton
          path={`/mediation/cases/${id}/agreement.docx`}
          filters={{}}
          label={t('mediation.downloadDocx')}
          hint={t('mediation.downloadDocxHint')}
          fallbackName="劳动争议调解协议书.docx"
          testId="agreement-docx"
          disabled={!doc}
        />
        <ExportButton
          path={`/mediation/cases/${id}/agreement.pdf`}
          filters={{}}
          label={t('mediation.downloadPdf')}
          hint={t('mediation.downloadPdfHint')}
          fallbackName="劳动争议调解协议书.pdf"
          testId="agreement-pdf"
          disabled={!doc}
        />
      </Space>
      {detail.error ? <ProblemAlert error={detail.error} /> : null}
      {detail.isPending ? <Skeleton active /> : null}
      {c && !doc ? <Alert type="info" showIcon title={t('mediation.noAgreement')} /> : null}
      {doc ? (
        <article className="hx-document" data-testid="agreement-document">
          <h1>{doc.title}</h1>
          <p className="hx-document-no">{doc.number}</p>
          {doc.parties.map((p) => (
            <p key={p.label}>
              <strong>{p.label}</strong>
              {p.text}
            </p>
          ))}
          <p>{doc.intro}</p>
          <h2>{doc.factsHeading}</h2>
          <p className="hx-document-text">{doc.facts}</p>
          <h2>{doc.termsHeading}</h2>
          <p className="hx-document-text" data-testid="agreement-terms">
            {doc.terms}
          </p>
          <p>{doc.performance}</p>
          <p>{doc.effect}</p>
          <p>{doc.copies}</p>
          <div className="hx-document-signs">
            <div>{doc.signatures.applicant}</div>
            <div>{doc.signatures.respondent}</div>
            <div>{doc.signatures.mediator}</div>
            <div>
              {doc.seal}
              <br />
              {doc.date}
            </div>
          </div>
        </article>
      ) : null}
    </div>
  );
}
