import {
  ArrowLeftOutlined,
  ArrowRightOutlined,
  EditOutlined,
  FileDoneOutlined,
  PrinterOutlined,
  ReloadOutlined,
  SaveOutlined,
} from '@ant-design/icons';
import type { SelfcheckAnswers, SelfcheckReport } from '@hexie/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Breadcrumb,
  Button,
  Card,
  Col,
  List,
  Progress,
  Radio,
  Result,
  Row,
  Skeleton,
  Space,
  Steps,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { guidanceApi, guidanceKeys } from '../../api/guidance';
import { useSession } from '../../app/auth';
import { useLang } from '../../app/i18n';
import { formatTime } from '../../shared/format';
import { ProblemAlert } from '../../shared/problem-alert';
import { PortalLayout } from './portal-layout';
import { SelfcheckReportView } from './selfcheck-report';

/** Answers survive a reload and a sign-in in the middle (this tab only; nothing goes to the server unasked). */
const STORE = 'hexie.selfcheck';
interface Stored {
  answers: SelfcheckAnswers;
  step: number;
  showReport: boolean;
}
function load(): Stored {
  try {
    const s = JSON.parse(sessionStorage.getItem(STORE) ?? 'null') as Stored | null;
    if (s && typeof s.answers === 'object') return s;
  } catch {
    // unreadable or blocked storage: start afresh
  }
  return { answers: {}, step: 0, showReport: false };
}
function save(s: Stored) {
  try {
    sessionStorage.setItem(STORE, JSON.stringify(s));
  } catch {
    // not kept; the page still works
  }
}

type View = { kind: 'form' } | { kind: 'report'; report: SelfcheckReport; keptAt?: string; keptId?: string };

/** 劳动用工风险体检: one area per step, then the report; an enterprise user who is signed in can keep it. */
export function GuideSelfCheckPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { data: session } = useSession();
  const canKeep = !!session?.permissions.includes('enterprise:self');
  const initial = useMemo(load, []);
  const [answers, setAnswers] = useState<SelfcheckAnswers>(initial.answers);
  const [step, setStep] = useState(initial.step);
  const [view, setView] = useState<View>({ kind: 'form' });
  const [keptId, setKeptId] = useState<string | null>(null);

  const form = useQuery({
    queryKey: guidanceKeys.questionnaire,
    queryFn: ({ signal }) => guidanceApi.questionnaire(signal),
  });
  const mine = useQuery({
    queryKey: guidanceKeys.myReports,
    queryFn: ({ signal }) => guidanceApi.myReports(signal),
    enabled: canKeep,
  });
  const score = useMutation({
    mutationFn: guidanceApi.report,
    onSuccess: (report) => {
      setView({ kind: 'report', report });
      setKeptId(null);
      window.scrollTo({ top: 0 });
    },
  });
  const keep = useMutation({
    mutationFn: guidanceApi.keepReport,
    onSuccess: (kept) => {
      setKeptId(kept.id);
      void message.success(t('guide.kept'));
      void qc.invalidateQueries({ queryKey: guidanceKeys.myReports });
    },
    onError: (err) => void message.error(err.message),
  });
  const openKept = useMutation({
    mutationFn: (id: string) => guidanceApi.myReport(id),
    onSuccess: (kept) => {
      setAnswers(kept.answers);
      setView({ kind: 'report', report: kept.report, keptAt: kept.createdAt, keptId: kept.id });
      window.scrollTo({ top: 0 });
    },
    onError: (err) => void message.error(err.message),
  });

  const areas = form.data?.areas ?? [];
  const questions = form.data?.questions ?? [];
  const showReport = view.kind === 'report';
  useEffect(() => save({ answers, step, showReport }), [answers, step, showReport]);
  // Back from signing in (or a reload) with the report open: compute it again from the kept answers.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, on arrival
  useEffect(() => {
    if (initial.showReport && Object.keys(initial.answers).length) score.mutate(initial.answers);
  }, []);

  const answered = questions.filter((q) => answers[q.id]).length;
  const area = areas[Math.min(step, Math.max(areas.length - 1, 0))];
  const numbered = questions.map((q, i) => ({ ...q, no: i + 1 }));
  const restart = () => {
    setAnswers({});
    setStep(0);
    setView({ kind: 'form' });
    setKeptId(null);
  };

  const crumbs = (
    <Breadcrumb
      className="gd-crumbs gd-no-print"
      items={[{ title: <Link to="/guide">{t('guide.navHome')}</Link> }, { title: t('guide.navSelfCheck') }]}
    />
  );

  if (form.error) {
    return (
      <PortalLayout>
        {crumbs}
        <ProblemAlert error={form.error} onRetry={() => void form.refetch()} />
      </PortalLayout>
    );
  }

  const myReports = canKeep ? (
    <Card
      size="small"
      className="gd-no-print"
      title={t('guide.myReports')}
      style={{ marginTop: 16 }}
      data-testid="sc-my-reports"
    >
      {mine.error ? (
        <ProblemAlert error={mine.error} onRetry={() => void mine.refetch()} />
      ) : (
        <List
          size="small"
          loading={mine.isPending}
          dataSource={mine.data?.items ?? []}
          locale={{ emptyText: t('guide.noKept') }}
          renderItem={(r) => (
            <List.Item
              actions={[
                <Button
                  key="open"
                  type="link"
                  size="small"
                  loading={openKept.isPending && openKept.variables === r.id}
                  onClick={() => openKept.mutate(r.id)}
                >
                  {t('guide.open')}
                </Button>,
              ]}
            >
              {formatTime(r.createdAt, 'YYYY-MM-DD HH:mm')} · {t('guide.scoreShort', { score: r.score })} ·{' '}
              {r.gradeLabel}
            </List.Item>
          )}
        />
      )}
    </Card>
  ) : null;

  if (view.kind === 'report') {
    const kept = view.keptId ?? keptId;
    return (
      <PortalLayout>
        {crumbs}
        <SelfcheckReportView
          report={view.report}
          meta={view.keptAt ? t('guide.keptAt', { time: formatTime(view.keptAt, 'YYYY-MM-DD HH:mm') }) : undefined}
          actions={
            <Space wrap>
              <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="sc-print">
                {t('guide.printReport')}
              </Button>
              <Button icon={<EditOutlined />} onClick={() => setView({ kind: 'form' })} data-testid="sc-edit">
                {t('guide.editAnswers')}
              </Button>
              <Button icon={<ReloadOutlined />} onClick={restart}>
                {t('guide.restart')}
              </Button>
              {canKeep ? (
                <Button
                  icon={<SaveOutlined />}
                  disabled={!!kept}
                  loading={keep.isPending}
                  onClick={() => keep.mutate(answers)}
                  data-testid="sc-keep"
                >
                  {kept ? t('guide.keptButton') : t('guide.keep')}
                </Button>
              ) : session ? null : (
                <span className="hx-muted">
                  {t('guide.signInToKeep')}{' '}
                  <Link to={`/login?next=${encodeURIComponent('/guide/self-check')}`}>{t('guide.signIn')}</Link>
                </span>
              )}
            </Space>
          }
        />
        {myReports}
      </PortalLayout>
    );
  }

  return (
    <PortalLayout>
      {crumbs}
      <Row gutter={[20, 20]}>
        <Col xs={24} lg={17}>
          <Card data-testid="sc-form">
            {!form.data ? (
              <Skeleton active paragraph={{ rows: 10 }} />
            ) : (
              <>
                <Steps
                  size="small"
                  current={step}
                  onChange={setStep}
                  items={areas.map((a) => {
                    const inArea = questions.filter((q) => q.area === a.area);
                    return {
                      title: a.label,
                      description: `${inArea.filter((q) => answers[q.id]).length}/${inArea.length}`,
                    };
                  })}
                  style={{ marginBottom: 16 }}
                  data-testid="sc-steps"
                />
                <h3 style={{ margin: '8px 0 0', color: '#0b3a82' }} data-testid="sc-area">
                  {area?.label}
                </h3>
                {numbered
                  .filter((q) => q.area === area?.area)
                  .map((q) => (
                    <div className="gd-question" key={q.id}>
                      <div className="gd-question-text">
                        <span className="gd-question-no">{q.no}.</span>
                        {q.text}
                      </div>
                      <Radio.Group
                        value={answers[q.id]}
                        onChange={(e) => setAnswers((a) => ({ ...a, [q.id]: e.target.value as string }))}
                        optionType="button"
                        buttonStyle="solid"
                        options={q.options}
                        data-testid={`sc-q-${q.id}`}
                      />
                    </div>
                  ))}
                <Space style={{ marginTop: 20, display: 'flex', justifyContent: 'space-between' }} wrap>
                  <Button icon={<ArrowLeftOutlined />} disabled={step === 0} onClick={() => setStep(step - 1)}>
                    {t('guide.prev')}
                  </Button>
                  {step < areas.length - 1 ? (
                    <Button type="primary" onClick={() => setStep(step + 1)} data-testid="sc-next">
                      {t('guide.next')} <ArrowRightOutlined />
                    </Button>
                  ) : (
                    <Button
                      type="primary"
                      icon={<FileDoneOutlined />}
                      loading={score.isPending}
                      onClick={() => score.mutate(answers)}
                      data-testid="sc-submit"
                    >
                      {t('guide.makeReport')}
                    </Button>
                  )}
                </Space>
                {score.error ? (
                  <div style={{ marginTop: 16 }}>
                    <ProblemAlert error={score.error} />
                  </div>
                ) : null}
              </>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={7}>
          <Card size="small" title={t('guide.checkTitle')}>
            <Progress
              percent={questions.length ? Math.round((answered / questions.length) * 100) : 0}
              format={() => `${answered}/${questions.length}`}
            />
            <p className="hx-muted" style={{ marginTop: 12 }}>
              {t('guide.checkIntro')}
            </p>
            <Button
              block
              icon={<FileDoneOutlined />}
              loading={score.isPending}
              disabled={!form.data}
              onClick={() => score.mutate(answers)}
              data-testid="sc-submit-now"
            >
              {t('guide.makeReportNow')}
            </Button>
            {answered > 0 ? (
              <Button block type="link" onClick={restart} style={{ marginTop: 4 }}>
                {t('guide.restart')}
              </Button>
            ) : null}
          </Card>
          {lang !== 'zh-CN' ? (
            <Alert style={{ marginTop: 16 }} type="info" showIcon title={t('guide.chineseOnly')} />
          ) : null}
          {myReports}
        </Col>
      </Row>
      {form.data && questions.length === 0 ? <Result status="warning" title={t('guide.noQuestions')} /> : null}
    </PortalLayout>
  );
}
