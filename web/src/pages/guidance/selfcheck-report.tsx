import { CheckCircleOutlined, MinusCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { RISK_LEVEL_LABELS, type RiskLevel, type SelfcheckReport } from '@hexie/core';
import { Alert, Card, Col, Collapse, Empty, Progress, Row, Statistic, Tag } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { RISK_COLORS, RiskTag } from './guide-shared';

const LEVELS: RiskLevel[] = ['high', 'medium', 'low'];
const GRADE_COLORS: Record<SelfcheckReport['grade'], string> = {
  good: '#389e0d',
  fair: '#1456b8',
  poor: '#d46b08',
  serious: '#cf1322',
};

/**
 * 劳动用工风险体检报告: the score, the risks by level — each with its legal basis and what to do — the areas,
 * and what was left unanswered. Printable (the portal's print styles drop the frame and the buttons).
 */
export function SelfcheckReportView({
  report,
  meta,
  actions,
}: {
  report: SelfcheckReport;
  /** e.g. when a kept report was made */
  meta?: ReactNode;
  actions?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div data-testid="sc-report">
      <Card>
        <div className="gd-print-only" style={{ textAlign: 'center', fontSize: 20, fontWeight: 600 }}>
          {t('app.fullName')} · {t('guide.reportTitle')}
        </div>
        <Row gutter={[24, 24]} align="middle">
          <Col xs={24} md={7} className="gd-score">
            <Progress
              type="dashboard"
              percent={report.score}
              format={(n) => <span data-testid="sc-score">{n}</span>}
              strokeColor={GRADE_COLORS[report.grade]}
              size={160}
            />
            <div className="gd-grade" style={{ color: GRADE_COLORS[report.grade] }} data-testid="sc-grade">
              {report.gradeLabel}
            </div>
            <div className="hx-muted">{t('guide.scoreHint')}</div>
          </Col>
          <Col xs={24} md={17}>
            <Row gutter={[16, 16]}>
              {LEVELS.map((l) => (
                <Col span={8} key={l}>
                  <Card size="small">
                    <Statistic
                      title={RISK_LEVEL_LABELS[l]}
                      value={report.counts[l]}
                      suffix={t('guide.items')}
                      styles={{ content: { color: RISK_COLORS[l] } }}
                    />
                  </Card>
                </Col>
              ))}
            </Row>
            <div style={{ marginTop: 16 }}>
              {report.byArea.map((a) => (
                <Tag
                  key={a.area}
                  color={a.risks ? 'orange' : a.answered ? 'green' : 'default'}
                  icon={a.risks ? <WarningOutlined /> : a.answered ? <CheckCircleOutlined /> : <MinusCircleOutlined />}
                  style={{ marginBottom: 8 }}
                >
                  {a.label}{' '}
                  {a.risks
                    ? t('guide.areaRisks', { n: a.risks })
                    : a.answered
                      ? t('guide.areaClear')
                      : t('guide.areaUnanswered')}
                  {a.answered && a.answered < a.questions ? ` (${a.answered}/${a.questions})` : ''}
                </Tag>
              ))}
            </div>
            <div className="hx-muted" style={{ marginTop: 4 }}>
              {t('guide.answeredOf', { answered: report.answered, total: report.total })}
              {meta ? <> · {meta}</> : null}
            </div>
          </Col>
        </Row>
        {actions ? (
          <div className="gd-no-print" style={{ marginTop: 20 }}>
            {actions}
          </div>
        ) : null}
      </Card>

      {report.unanswered.length ? (
        <Alert
          style={{ marginTop: 16 }}
          type="warning"
          showIcon
          title={t('guide.unanswered', { n: report.unanswered.length })}
          description={
            <Collapse
              ghost
              size="small"
              items={[
                {
                  key: 'u',
                  label: t('guide.showUnanswered'),
                  children: (
                    <ol style={{ margin: 0, paddingLeft: 20 }}>
                      {report.unanswered.map((u) => (
                        <li key={u.id}>{u.text}</li>
                      ))}
                    </ol>
                  ),
                },
              ]}
            />
          }
          data-testid="sc-unanswered"
        />
      ) : null}

      <Card style={{ marginTop: 16 }} title={<span className="gd-section-title">{t('guide.risksTitle')}</span>}>
        {report.risks.length === 0 ? (
          <Empty
            image={<CheckCircleOutlined style={{ fontSize: 48, color: '#389e0d' }} />}
            description={report.answered ? t('guide.noRisks') : t('guide.nothingAnswered')}
          />
        ) : (
          LEVELS.filter((l) => report.counts[l] > 0).map((l) => (
            <section key={l} style={{ marginBottom: 8 }}>
              <h4 style={{ color: RISK_COLORS[l], margin: '8px 0 12px' }}>
                {RISK_LEVEL_LABELS[l]}（{report.counts[l]}）
              </h4>
              {report.risks
                .filter((r) => r.level === l)
                .map((r) => (
                  <div
                    key={r.questionId}
                    className={`gd-risk gd-risk-${r.level}`}
                    data-testid={`sc-risk-${r.questionId}`}
                  >
                    <div className="gd-risk-title">
                      <RiskTag level={r.level} />
                      <span data-testid="sc-risk-title">{r.title}</span>
                      <Tag style={{ margin: 0 }}>{r.areaLabel}</Tag>
                    </div>
                    <div className="gd-risk-line">
                      <b>{t('guide.basis')}</b>
                      <span data-testid="sc-risk-basis">{r.basis}</span>
                    </div>
                    <div className="gd-risk-line">
                      <b>{t('guide.advice')}</b>
                      {r.advice}
                    </div>
                  </div>
                ))}
            </section>
          ))
        )}
        <div className="gd-note">{t('guide.reportDisclaimer')}</div>
      </Card>
    </div>
  );
}
