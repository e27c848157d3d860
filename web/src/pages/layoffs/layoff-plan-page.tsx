import {
  ArrowLeftOutlined,
  DeleteOutlined,
  EditOutlined,
  PlusOutlined,
  SaveOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import {
  ART41_GROUND_LABELS,
  ART41_GROUNDS,
  ART42_GROUP_LABELS,
  ART42_GROUPS,
  type Art41Ground,
  type Art42Group,
  type CreateLayoffPlanBody,
  canEvaluate,
  chinaToday,
  evaluateLayoffPlan,
  formatYuan,
  isValidIdNumber,
  type LayoffPlan,
  type LayoffPlanEvaluation,
  type LayoffStaffInput,
  type ParameterUsed,
  SEVERANCE_STANDARD_LABELS,
  SEVERANCE_STANDARDS,
  type SeveranceStandard,
  type UpdateLayoffPlanBody,
} from '@hexie/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Row,
  Select,
  Skeleton,
  Space,
  Statistic,
  Switch,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { calculatorsApi } from '../../api/calculators';
import { fieldErrorsOf } from '../../api/client';
import { endpoints } from '../../api/endpoints';
import { layoffKeys, layoffsApi, STAFF_IMPORT_PATH } from '../../api/layoffs';
import { useCan } from '../../app/auth';
import { useLang } from '../../app/i18n';
import { EnterprisePicker } from '../../shared/enterprise-picker';
import { changedFields, labelOf } from '../../shared/format';
import { showFieldErrors } from '../../shared/forms';
import { ImportWizard } from '../../shared/import-wizard';
import { PageHeader } from '../../shared/page-header';
import { ProblemAlert } from '../../shared/problem-alert';
import { clearErrors, Explanation, ParameterSourceText } from '../guidance/calculator-shared';
import { BasisList, RatingTag, StepTags, WarningList } from './layoff-shared';

interface Values {
  enterpriseId?: string;
  year?: number;
  employees?: number;
  plannedLayoffs?: number;
  doneLayoffs?: number;
  positions?: string;
  ground?: Art41Ground;
  plannedOn?: Dayjs | null;
  explainedOn?: Dayjs | null;
  reportedOn?: Dayjs | null;
  wagesSettled: boolean;
  wageArrears?: number | null;
  severanceStandard: SeveranceStandard;
  severanceNote?: string;
  fundsAvailable?: number;
  averageMonthlyWage?: number | null;
  averageServiceMonths?: number | null;
  localAverageMonthlyWage?: number | null;
  minimumWage?: number | null;
  note?: string;
}
const FIELDS = new Set([
  'enterpriseId',
  'year',
  'employees',
  'plannedLayoffs',
  'doneLayoffs',
  'positions',
  'ground',
  'plannedOn',
  'explainedOn',
  'reportedOn',
  'wagesSettled',
  'wageArrears',
  'severanceStandard',
  'severanceNote',
  'fundsAvailable',
  'averageMonthlyWage',
  'averageServiceMonths',
  'localAverageMonthlyWage',
  'minimumWage',
  'note',
]);

/** A person on the list as the form holds them: `idNumber` is what the server showed (masked) until retyped. */
interface Person {
  key: string;
  id?: string;
  name: string;
  idNumber: string;
  /** typed in this form (sent); otherwise the stored number is kept */
  idTyped: boolean;
  position: string | null;
  serviceStart: string;
  averageMonthlyWage: number;
  protectedGround: Art42Group | null;
}

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
const dateOf = (s: string | null) => (s ? dayjs(s) : null);
let seq = 0;
const newKey = () => `p${++seq}`;

function valuesOf(p: LayoffPlan | null): Values {
  if (!p) {
    return {
      wagesSettled: true,
      severanceStandard: 'statutory',
      doneLayoffs: 0,
      year: Number(chinaToday().slice(0, 4)),
    };
  }
  return {
    enterpriseId: p.enterpriseId,
    year: p.year,
    employees: p.employees,
    plannedLayoffs: p.plannedLayoffs,
    doneLayoffs: p.doneLayoffs,
    positions: p.positions ?? '',
    ground: p.ground,
    plannedOn: dateOf(p.plannedOn),
    explainedOn: dateOf(p.explainedOn),
    reportedOn: dateOf(p.reportedOn),
    wagesSettled: p.wagesSettled,
    wageArrears: p.wageArrears,
    severanceStandard: p.severanceStandard,
    severanceNote: p.severanceNote ?? '',
    fundsAvailable: p.fundsAvailable,
    averageMonthlyWage: p.averageMonthlyWage,
    averageServiceMonths: p.averageServiceMonths,
    localAverageMonthlyWage: p.localAverageMonthlyWage,
    minimumWage: p.minimumWage,
    note: p.note ?? '',
  };
}

/** The body fields of the form's values, as the API names them (dates as text, blanks as null). */
function fieldsOf(v: Values) {
  return {
    year: v.year as number,
    employees: v.employees as number,
    plannedLayoffs: v.plannedLayoffs as number,
    doneLayoffs: v.doneLayoffs ?? 0,
    positions: v.positions?.trim() || null,
    ground: v.ground as Art41Ground,
    plannedOn: day(v.plannedOn) as string,
    explainedOn: day(v.explainedOn),
    reportedOn: day(v.reportedOn),
    wagesSettled: v.wagesSettled,
    wageArrears: v.wagesSettled ? null : (v.wageArrears ?? null),
    severanceStandard: v.severanceStandard,
    severanceNote: v.severanceStandard === 'higher' ? v.severanceNote?.trim() || null : null,
    fundsAvailable: v.fundsAvailable as number,
    averageMonthlyWage: v.averageMonthlyWage ?? null,
    averageServiceMonths: v.averageServiceMonths ?? null,
    localAverageMonthlyWage: v.localAverageMonthlyWage ?? null,
    minimumWage: v.minimumWage ?? null,
    note: v.note?.trim() || null,
  };
}

const staffOf = (people: readonly Person[]): LayoffStaffInput[] =>
  people.map((p) => ({
    ...(p.id ? { id: p.id } : {}),
    name: p.name,
    ...(p.idTyped || !p.id ? { idNumber: p.idNumber } : {}),
    position: p.position,
    serviceStart: p.serviceStart,
    averageMonthlyWage: p.averageMonthlyWage,
    protectedGround: p.protectedGround,
  }));

/** 裁员方案: /layoffs/new and /layoffs/:id. */
export function LayoffPlanPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const existing = useQuery({
    queryKey: layoffKeys.one(id ?? ''),
    queryFn: ({ signal }) => layoffsApi.get(id as string, signal),
    enabled: !!id,
  });
  if (id && existing.error) return <ProblemAlert error={existing.error} onRetry={() => void existing.refetch()} />;
  if (id && !existing.data) return <Skeleton active data-testid="plan-loading" />;
  const plan = existing.data ?? null;
  return (
    <div data-testid="layoff-plan-page">
      <PageHeader
        title={plan ? plan.enterpriseName : t('layoffPlans.new')}
        description={
          plan
            ? `${plan.regionName} · ${t('layoffPlans.yearOf', { year: plan.year })}`
            : t('layoffPlans.newDescription')
        }
        extra={
          <Link to="/layoffs">
            <Button icon={<ArrowLeftOutlined />}>{t('layoffPlans.back')}</Button>
          </Link>
        }
      />
      {/* A saved version (or an import) starts the form again from what the server holds. */}
      <PlanEditor key={plan ? `${plan.id}:${plan.version}` : 'new'} plan={plan} />
    </div>
  );
}

function PlanEditor({ plan }: { plan: LayoffPlan | null }) {
  const { t } = useTranslation();
  const lang = useLang();
  const can = useCan();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const writable = can('employment:write');
  const [form] = Form.useForm<Values>();
  const initial = useMemo(() => valuesOf(plan), [plan]);
  const [people, setPeople] = useState<Person[]>(() =>
    (plan?.staff ?? []).map((s) => ({
      key: s.id,
      id: s.id,
      name: s.name,
      idNumber: s.idNumber,
      idTyped: false,
      position: s.position,
      serviceStart: s.serviceStart,
      averageMonthlyWage: s.averageMonthlyWage,
      protectedGround: s.protectedGround,
    })),
  );
  const [staffDirty, setStaffDirty] = useState(false);
  const [staffErrors, setStaffErrors] = useState<string[]>([]);
  const [editing, setEditing] = useState<Person | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  const watched = (Form.useWatch([], form) as Partial<Values> | undefined) ?? initial;

  // The enterprise's region picks the parameters; a new plan takes it (and the headcount) from the register.
  const enterpriseId = watched.enterpriseId ?? plan?.enterpriseId;
  const enterprise = useQuery({
    queryKey: ['enterprises', 'one', enterpriseId, false],
    queryFn: ({ signal }) => endpoints.enterprise(enterpriseId as string, false, signal),
    enabled: !plan && !!enterpriseId,
  });
  const regionCode = plan?.regionCode ?? enterprise.data?.regionCode;
  const plannedOn = day(watched.plannedOn ?? null);
  const tables = useQuery({
    queryKey: ['calculators', 'wage-parameters', regionCode, plannedOn],
    queryFn: ({ signal }) => calculatorsApi.wageParameters(regionCode as string, plannedOn ?? undefined, signal),
    enabled: !!regionCode && !!plannedOn,
    staleTime: 300_000,
  });

  // The live check: core's evaluateLayoffPlan on what is typed, with the plan's figures or the tables'.
  const local = watched.localAverageMonthlyWage ?? tables.data?.localAverageMonthlyWage?.value ?? null;
  const minimum = watched.minimumWage ?? tables.data?.minimumWage?.value ?? null;
  const facts = {
    employees: watched.employees,
    plannedLayoffs: watched.plannedLayoffs,
    plannedOn: plannedOn ?? undefined,
  };
  const evaluation: LayoffPlanEvaluation | null = canEvaluate(facts)
    ? evaluateLayoffPlan(
        {
          employees: watched.employees as number,
          plannedLayoffs: watched.plannedLayoffs as number,
          doneLayoffs: Math.min(watched.doneLayoffs ?? 0, watched.plannedLayoffs as number),
          plannedOn: plannedOn as string,
          explainedOn: day(watched.explainedOn),
          reportedOn: day(watched.reportedOn),
          wagesSettled: watched.wagesSettled ?? true,
          wageArrears: watched.wagesSettled === false ? (watched.wageArrears ?? null) : null,
          fundsAvailable: watched.fundsAvailable ?? 0,
          averageMonthlyWage: watched.averageMonthlyWage ?? null,
          averageServiceMonths: watched.averageServiceMonths ?? null,
          staff: people,
        },
        local !== null && minimum !== null ? { localAverageMonthlyWage: local, minimumWage: minimum } : null,
        chinaToday(),
      )
    : null;
  const used: { local: ParameterUsed | null; minimum: ParameterUsed | null } = {
    local: watched.localAverageMonthlyWage ? null : (tables.data?.localAverageMonthlyWage ?? null),
    minimum: watched.minimumWage ? null : (tables.data?.minimumWage ?? null),
  };

  const save = useMutation({
    mutationFn: async (v: Values) => {
      const fields = fieldsOf(v);
      if (!plan) {
        const body: CreateLayoffPlanBody = { ...fields, enterpriseId: v.enterpriseId as string };
        if (people.length) body.staff = staffOf(people);
        return layoffsApi.create(body);
      }
      const changed = changedFields(fieldsOf(initial), fields) as Omit<UpdateLayoffPlanBody, 'version'>;
      const body: UpdateLayoffPlanBody = { ...changed, version: plan.version };
      if (staffDirty) body.staff = staffOf(people);
      return layoffsApi.update(plan.id, body);
    },
    onSuccess: (saved) => {
      message.success(t('layoffPlans.saved'));
      setStaffErrors([]);
      qc.setQueryData(layoffKeys.one(saved.id), saved);
      void qc.invalidateQueries({ queryKey: layoffKeys.all, refetchType: 'none' });
      if (!plan) void navigate(`/layoffs/${saved.id}`, { replace: true });
    },
    onError: (err) => {
      showFieldErrors(form, err, FIELDS);
      // A person's field (staff.3.idNumber) goes above the list, naming the person.
      setStaffErrors(
        fieldErrorsOf(err)
          .filter((f) => f.name.startsWith('staff.'))
          .map((f) => {
            const n = Number(f.name.split('.')[1]);
            return t('layoffPlans.personError', { n: n + 1, name: people[n]?.name ?? '', message: f.errors.join(' ') });
          }),
      );
    },
  });

  const setList = (next: Person[]) => {
    setPeople(next);
    setStaffDirty(true);
  };

  const staffColumns: TableColumnsType<Person> = [
    { title: '#', key: 'n', width: 48, render: (_, __, i) => i + 1 },
    { title: t('layoffPlans.name'), dataIndex: 'name', width: 100 },
    {
      title: t('layoffPlans.idNumber'),
      dataIndex: 'idNumber',
      width: 180,
      render: (v: string) => <span className="hx-mono">{v}</span>,
    },
    { title: t('layoffPlans.position'), dataIndex: 'position', width: 110, ellipsis: true },
    { title: t('layoffPlans.serviceStart'), dataIndex: 'serviceStart', width: 110 },
    {
      title: t('layoffPlans.wage'),
      dataIndex: 'averageMonthlyWage',
      width: 110,
      align: 'right',
      render: (v: number) => <span className="lp-money">{formatYuan(v)}</span>,
    },
    {
      title: t('layoffPlans.protected'),
      dataIndex: 'protectedGround',
      width: 150,
      render: (g: Art42Group | null) =>
        g ? (
          <Tag color="red" title={ART42_GROUP_LABELS[g][lang]} data-testid="staff-protected">
            {t('layoffPlans.notToLayOff')}
          </Tag>
        ) : (
          <span className="hx-muted">{t('layoffPlans.none')}</span>
        ),
    },
    {
      title: t('layoffPlans.personSeverance'),
      key: 'severance',
      width: 150,
      align: 'right',
      render: (_, __, i) => {
        const s = evaluation?.staffSeverance[i];
        if (!s) return <span className="hx-muted">—</span>;
        return (
          <span title={t('layoffPlans.severanceDetail', { years: s.years, base: formatYuan(s.base) })}>
            <span className="lp-money">{formatYuan(s.severance)}</span>
            <div className="hx-muted" style={{ fontSize: 12 }}>
              {t('layoffPlans.severanceDetail', { years: s.years, base: formatYuan(s.base) })}
            </div>
          </span>
        );
      },
    },
    ...(writable
      ? [
          {
            title: '',
            key: 'actions',
            width: 84,
            render: (_: unknown, p: Person) => (
              <Space size={0}>
                <Button
                  type="text"
                  size="small"
                  icon={<EditOutlined />}
                  aria-label={t('common.edit')}
                  onClick={() => setEditing(p)}
                />
                <Button
                  type="text"
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('layoffPlans.remove')}
                  onClick={() => setList(people.filter((x) => x.key !== p.key))}
                />
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={15}>
        <Form<Values>
          form={form}
          layout="vertical"
          className="lp-form"
          initialValues={initial}
          disabled={!writable}
          onFinish={(v) => save.mutate(v)}
          onValuesChange={(changed: Partial<Values>) => {
            clearErrors(form, changed);
            // A new plan starts from the register's headcount (the officer corrects it when it is stale).
            if (changed.enterpriseId && !form.getFieldValue('employees')) {
              void qc
                .fetchQuery({
                  queryKey: ['enterprises', 'one', changed.enterpriseId, false],
                  queryFn: ({ signal }) => endpoints.enterprise(changed.enterpriseId as string, false, signal),
                })
                .then((e) => {
                  if (e.employees && !form.getFieldValue('employees')) form.setFieldValue('employees', e.employees);
                })
                .catch(() => {});
            }
          }}
          data-testid="plan-form"
        >
          <Card title={t('layoffPlans.sectionBasic')}>
            <Row gutter={12}>
              <Col xs={24} md={16}>
                {plan ? (
                  <Form.Item label={t('layoffPlans.enterprise')}>
                    <Link to={`/enterprises/${plan.enterpriseId}`}>{plan.enterpriseName}</Link>
                    <span className="hx-muted hx-mono"> {plan.creditCode}</span>
                  </Form.Item>
                ) : (
                  <Form.Item
                    name="enterpriseId"
                    label={t('layoffPlans.enterprise')}
                    rules={[{ required: true, message: t('layoffPlans.required') }]}
                  >
                    <EnterprisePicker testId="plan-enterprise" style={{ width: '100%' }} />
                  </Form.Item>
                )}
              </Col>
              <Col xs={24} md={8}>
                <Form.Item
                  name="year"
                  label={t('layoffPlans.year')}
                  rules={[{ required: true, message: t('layoffPlans.required') }]}
                >
                  <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} data-testid="plan-year" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={8}>
                <Form.Item
                  name="employees"
                  label={t('layoffPlans.employees')}
                  extra={
                    !plan && enterprise.data?.employees
                      ? t('layoffPlans.registerHeadcount', { n: enterprise.data.employees })
                      : undefined
                  }
                  rules={[{ required: true, message: t('layoffPlans.required') }]}
                >
                  <InputNumber min={1} precision={0} style={{ width: '100%' }} data-testid="plan-employees" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={8}>
                <Form.Item
                  name="plannedLayoffs"
                  label={t('layoffPlans.plannedLayoffs')}
                  rules={[{ required: true, message: t('layoffPlans.required') }]}
                >
                  <InputNumber min={1} precision={0} style={{ width: '100%' }} data-testid="plan-layoffs" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={8}>
                <Form.Item name="doneLayoffs" label={t('layoffPlans.doneLayoffs')}>
                  <InputNumber min={0} precision={0} style={{ width: '100%' }} data-testid="plan-done" />
                </Form.Item>
              </Col>
              <Col span={24}>
                <Form.Item
                  name="ground"
                  label={t('layoffPlans.ground')}
                  rules={[{ required: true, message: t('layoffPlans.required') }]}
                >
                  <Select
                    data-testid="plan-ground"
                    options={ART41_GROUNDS.map((g) => ({ value: g, label: labelOf(ART41_GROUND_LABELS, g, lang) }))}
                  />
                </Form.Item>
              </Col>
              <Col span={24}>
                <Form.Item name="positions" label={t('layoffPlans.positions')}>
                  <Input maxLength={500} data-testid="plan-positions" />
                </Form.Item>
              </Col>
            </Row>
          </Card>

          <Card title={t('layoffPlans.sectionProcedure')} style={{ marginTop: 16 }}>
            <Typography.Paragraph type="secondary">{t('layoffPlans.procedureHint')}</Typography.Paragraph>
            <Row gutter={12}>
              <Col xs={24} sm={8}>
                <Form.Item
                  name="plannedOn"
                  label={t('layoffPlans.plannedOn')}
                  rules={[{ required: true, message: t('layoffPlans.required') }]}
                >
                  <DatePicker style={{ width: '100%' }} data-testid="plan-planned-on" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={8}>
                <Form.Item
                  name="explainedOn"
                  label={t('layoffPlans.explainedOn')}
                  extra={evaluation?.explainBy ? t('layoffPlans.explainBy', { date: evaluation.explainBy }) : undefined}
                >
                  <DatePicker style={{ width: '100%' }} data-testid="plan-explained-on" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={8}>
                <Form.Item name="reportedOn" label={t('layoffPlans.reportedOn')}>
                  <DatePicker style={{ width: '100%' }} data-testid="plan-reported-on" />
                </Form.Item>
              </Col>
            </Row>
          </Card>

          <Card title={t('layoffPlans.sectionMoney')} style={{ marginTop: 16 }}>
            <Row gutter={12}>
              <Col xs={24} sm={8}>
                <Form.Item name="wagesSettled" label={t('layoffPlans.wagesSettled')} valuePropName="checked">
                  <Switch
                    checkedChildren={t('layoffPlans.yes')}
                    unCheckedChildren={t('layoffPlans.no')}
                    data-testid="plan-wages-settled"
                  />
                </Form.Item>
              </Col>
              <Col xs={24} sm={8}>
                {watched.wagesSettled === false ? (
                  <Form.Item name="wageArrears" label={t('layoffPlans.wageArrears')}>
                    <InputNumber min={0} precision={2} style={{ width: '100%' }} data-testid="plan-arrears" />
                  </Form.Item>
                ) : null}
              </Col>
              <Col xs={24} sm={8}>
                <Form.Item
                  name="fundsAvailable"
                  label={t('layoffPlans.fundsAvailable')}
                  rules={[{ required: true, message: t('layoffPlans.required') }]}
                >
                  <InputNumber min={0} precision={2} style={{ width: '100%' }} data-testid="plan-funds" />
                </Form.Item>
              </Col>
              <Col span={24}>
                <Form.Item name="severanceStandard" label={t('layoffPlans.severanceStandard')}>
                  <Radio.Group
                    options={SEVERANCE_STANDARDS.map((s) => ({ value: s, label: SEVERANCE_STANDARD_LABELS[s][lang] }))}
                  />
                </Form.Item>
              </Col>
              {watched.severanceStandard === 'higher' ? (
                <Col span={24}>
                  <Form.Item name="severanceNote" label={t('layoffPlans.severanceNote')}>
                    <Input.TextArea rows={2} maxLength={500} data-testid="plan-severance-note" />
                  </Form.Item>
                </Col>
              ) : null}
            </Row>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
              {t('layoffPlans.estimateHint')}
            </Typography.Paragraph>
            <Row gutter={12}>
              <Col xs={24} sm={12}>
                <Form.Item name="averageMonthlyWage" label={t('layoffPlans.averageMonthlyWage')}>
                  <InputNumber min={0} precision={2} style={{ width: '100%' }} data-testid="plan-avg-wage" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name="averageServiceMonths" label={t('layoffPlans.averageServiceMonths')}>
                  <InputNumber
                    min={0}
                    max={720}
                    precision={0}
                    style={{ width: '100%' }}
                    data-testid="plan-avg-months"
                  />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item
                  name="localAverageMonthlyWage"
                  label={t('layoffPlans.localAverage')}
                  extra={used.local ? <ParameterSourceText used={used.local} /> : t('layoffPlans.overrideHint')}
                >
                  <InputNumber
                    min={0.01}
                    precision={2}
                    style={{ width: '100%' }}
                    placeholder={
                      tables.data?.localAverageMonthlyWage
                        ? formatYuan(tables.data.localAverageMonthlyWage.value)
                        : undefined
                    }
                  />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item
                  name="minimumWage"
                  label={t('layoffPlans.minimumWage')}
                  extra={used.minimum ? <ParameterSourceText used={used.minimum} /> : t('layoffPlans.overrideHint')}
                >
                  <InputNumber
                    min={0.01}
                    precision={2}
                    style={{ width: '100%' }}
                    placeholder={tables.data?.minimumWage ? formatYuan(tables.data.minimumWage.value) : undefined}
                  />
                </Form.Item>
              </Col>
              <Col span={24}>
                <Form.Item name="note" label={t('layoffPlans.note')}>
                  <Input.TextArea rows={2} maxLength={2000} />
                </Form.Item>
              </Col>
            </Row>
          </Card>
        </Form>
      </Col>
      <Col xs={24} xl={9}>
        <LiveCheck
          evaluation={evaluation}
          parametersMissing={!!regionCode && !!plannedOn && tables.isSuccess && (local === null || minimum === null)}
          used={used}
        />
      </Col>
      <Col span={24}>
        <Card
          title={t('layoffPlans.staffTitle', { n: people.length })}
          data-testid="plan-staff"
          extra={
            writable ? (
              <Space>
                <Button icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="staff-add">
                  {t('layoffPlans.addPerson')}
                </Button>
                <Button
                  icon={<UploadOutlined />}
                  disabled={!plan}
                  title={plan ? undefined : t('layoffPlans.importAfterSave')}
                  onClick={() => setImporting(true)}
                  data-testid="staff-import"
                >
                  {t('layoffPlans.importStaff')}
                </Button>
              </Space>
            ) : null
          }
        >
          <Typography.Paragraph type="secondary">
            {plan
              ? t('layoffPlans.staffHint', { code: plan.creditCode, year: plan.year })
              : t('layoffPlans.staffHintNew')}
          </Typography.Paragraph>
          {staffErrors.length ? (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 12 }}
              title={staffErrors.map((e) => <div key={e}>{e}</div>)}
              data-testid="staff-errors"
            />
          ) : null}
          <Table<Person>
            rowKey="key"
            size="small"
            tableLayout="fixed"
            columns={staffColumns}
            dataSource={people}
            pagination={people.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
            scroll={{ x: 1040 }}
            locale={{ emptyText: t('layoffPlans.staffEmpty') }}
          />
        </Card>

        {writable ? (
          <div style={{ marginTop: 16 }}>
            <Button
              type="primary"
              onClick={() => form.submit()}
              icon={<SaveOutlined />}
              loading={save.isPending}
              size="large"
              data-testid="plan-save"
            >
              {t('layoffPlans.save')}
            </Button>
            {save.error && !fieldErrorsOf(save.error).length ? (
              <div style={{ marginTop: 12 }}>
                <ProblemAlert error={save.error} />
              </div>
            ) : null}
          </div>
        ) : null}
      </Col>
      <PersonModal
        person={editing}
        plannedOn={plannedOn}
        onClose={() => setEditing(null)}
        onSave={(p) => {
          setList(editing === 'new' ? [...people, p] : people.map((x) => (x.key === p.key ? p : x)));
          setEditing(null);
        }}
      />
      {plan ? (
        <ImportWizard
          open={importing}
          onClose={() => setImporting(false)}
          basePath={STAFF_IMPORT_PATH}
          title={t('layoffPlans.staffImportTitle')}
          onCommitted={() => void qc.invalidateQueries({ queryKey: layoffKeys.one(plan.id) })}
        />
      ) : null}
    </Row>
  );
}

/** What the rules say while the form is typed: 第四十一条 and its steps, the warnings, severance and ability to pay. */
function LiveCheck({
  evaluation,
  parametersMissing,
  used,
}: {
  evaluation: LayoffPlanEvaluation | null;
  parametersMissing: boolean;
  used: { local: ParameterUsed | null; minimum: ParameterUsed | null };
}) {
  const { t } = useTranslation();
  if (!evaluation) {
    return (
      <Card title={t('layoffPlans.liveTitle')} className="lp-check" data-testid="plan-live">
        <Typography.Paragraph type="secondary">{t('layoffPlans.liveEmpty')}</Typography.Paragraph>
      </Card>
    );
  }
  const { check, ability } = evaluation;
  const pct = `${(check.share * 100).toFixed(1)}%`;
  return (
    <Card title={t('layoffPlans.liveTitle')} className="lp-check" data-testid="plan-live">
      <Alert
        type={check.art41Applies ? 'warning' : 'info'}
        showIcon
        data-testid="plan-verdict"
        title={
          <span className="lp-verdict">{t(check.art41Applies ? 'layoffPlans.applies' : 'layoffPlans.notApplies')}</span>
        }
        description={t('layoffPlans.shareLine', { layoffs: check.layoffs, employees: check.employees, pct })}
      />
      {check.art41Applies ? (
        <div>
          <Typography.Title level={5} className="lp-section-title">
            {t('layoffPlans.procedure')}
          </Typography.Title>
          <StepTags steps={evaluation.steps} long />
          {evaluation.explainBy ? (
            <div className="hx-muted" style={{ marginTop: 6 }}>
              {t('layoffPlans.explainBy', { date: evaluation.explainBy })}
            </div>
          ) : null}
        </div>
      ) : null}
      <div>
        <Typography.Title level={5} className="lp-section-title">
          {t('layoffPlans.warningsTitle')}
        </Typography.Title>
        <WarningList warnings={evaluation.warnings} />
      </div>
      <div data-testid="plan-ability">
        <Typography.Title level={5} className="lp-section-title">
          {t('layoffPlans.abilityTitle')}
        </Typography.Title>
        {ability ? (
          <>
            <div className="lp-stats">
              <Statistic title={t('layoffPlans.severanceTotal')} value={formatYuan(ability.severanceTotal)} />
              <Statistic title={t('layoffPlans.wagesOwed')} value={formatYuan(ability.wagesOwed)} />
              <Statistic title={t('layoffPlans.need')} value={formatYuan(ability.need)} />
              <Statistic title={t('layoffPlans.fundsAvailable')} value={formatYuan(ability.fundsAvailable)} />
              <Statistic
                title={t('layoffPlans.ratio')}
                value={ability.ratio === null ? '—' : ability.ratio.toFixed(2)}
              />
              <div>
                <div className="hx-muted" style={{ marginBottom: 4 }}>
                  {t('layoffPlans.rating')}
                </div>
                <RatingTag rating={ability.rating} />
              </div>
            </div>
            <Descriptions size="small" column={1} style={{ marginTop: 12 }}>
              <Descriptions.Item label={t('layoffPlans.people')}>
                {ability.people}
                {ability.estimated ? <Tag style={{ marginLeft: 8 }}>{t('layoffPlans.estimated')}</Tag> : null}
              </Descriptions.Item>
              {used.minimum ? (
                <Descriptions.Item label={t('layoffPlans.minimumWage')}>
                  {formatYuan(used.minimum.value)}
                </Descriptions.Item>
              ) : null}
              {used.local ? (
                <Descriptions.Item label={t('layoffPlans.localAverage')}>
                  {formatYuan(used.local.value)}
                </Descriptions.Item>
              ) : null}
            </Descriptions>
            <Explanation lines={ability.explanation} />
          </>
        ) : (
          <Typography.Paragraph type="secondary">
            {parametersMissing ? t('layoffPlans.noParameters') : t('layoffPlans.abilityUnknown')}
          </Typography.Paragraph>
        )}
      </div>
      <BasisList lines={check.explanation} />
      <span className="hx-muted" style={{ fontSize: 12 }}>
        {t('layoffPlans.liveNote')}
      </span>
    </Card>
  );
}

interface PersonValues {
  name: string;
  idNumber?: string;
  position?: string;
  serviceStart: Dayjs;
  averageMonthlyWage: number;
  protectedGround?: Art42Group | 'none';
}

/** Add or change one person; an existing person's number is kept unless retyped. */
function PersonModal({
  person,
  plannedOn,
  onClose,
  onSave,
}: {
  person: Person | 'new' | null;
  plannedOn: string | null;
  onClose: () => void;
  onSave: (p: Person) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const [form] = Form.useForm<PersonValues>();
  const existing = person && person !== 'new' ? person : null;
  return (
    <Modal
      open={!!person}
      title={existing ? t('layoffPlans.editPerson') : t('layoffPlans.addPerson')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('layoffPlans.ok')}
      destroyOnHidden
    >
      <Form<PersonValues>
        form={form}
        name="person"
        preserve={false}
        initialValues={
          existing
            ? {
                name: existing.name,
                idNumber: existing.idTyped ? existing.idNumber : '',
                position: existing.position ?? '',
                serviceStart: dayjs(existing.serviceStart),
                averageMonthlyWage: existing.averageMonthlyWage,
                protectedGround: existing.protectedGround ?? 'none',
              }
            : { protectedGround: 'none' }
        }
        layout="vertical"
        data-testid="person-form"
        onFinish={(v) => {
          const typed = !!v.idNumber?.trim();
          onSave({
            key: existing?.key ?? newKey(),
            ...(existing?.id ? { id: existing.id } : {}),
            name: v.name.trim(),
            idNumber: typed ? (v.idNumber as string).trim().toUpperCase() : (existing?.idNumber ?? ''),
            idTyped: typed || !!existing?.idTyped,
            position: v.position?.trim() || null,
            serviceStart: v.serviceStart.format('YYYY-MM-DD'),
            averageMonthlyWage: v.averageMonthlyWage,
            protectedGround: v.protectedGround && v.protectedGround !== 'none' ? v.protectedGround : null,
          });
        }}
      >
        <Row gutter={12}>
          <Col xs={24} sm={10}>
            <Form.Item
              name="name"
              label={t('layoffPlans.name')}
              rules={[{ required: true, min: 2, message: t('layoffPlans.nameRule') }]}
            >
              <Input maxLength={30} data-testid="person-name" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={14}>
            <Form.Item
              name="idNumber"
              label={t('layoffPlans.idNumber')}
              extra={
                existing?.id && !existing.idTyped ? t('layoffPlans.idKeep', { masked: existing.idNumber }) : undefined
              }
              rules={[
                {
                  validator: async (_, v: string | undefined) => {
                    const text = v?.trim() ?? '';
                    if (!text && existing?.id) return;
                    if (!text) throw new Error(t('layoffPlans.required'));
                    if (!isValidIdNumber(text)) throw new Error(t('layoffPlans.idInvalid'));
                  },
                },
              ]}
            >
              <Input maxLength={18} className="hx-mono" data-testid="person-id" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="serviceStart"
              label={t('layoffPlans.serviceStart')}
              rules={[
                { required: true, message: t('layoffPlans.required') },
                {
                  validator: async (_, v: Dayjs | undefined) => {
                    if (v && plannedOn && v.format('YYYY-MM-DD') > plannedOn)
                      throw new Error(t('layoffPlans.startAfter'));
                  },
                },
              ]}
            >
              <DatePicker style={{ width: '100%' }} data-testid="person-start" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="averageMonthlyWage"
              label={t('layoffPlans.wage')}
              rules={[{ required: true, message: t('layoffPlans.required') }]}
            >
              <InputNumber min={0} precision={2} style={{ width: '100%' }} data-testid="person-wage" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="position" label={t('layoffPlans.position')}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="protectedGround" label={t('layoffPlans.protectedGround')}>
              <Select
                data-testid="person-protected"
                options={[
                  { value: 'none', label: t('layoffPlans.notProtected') },
                  ...ART42_GROUPS.map((g) => ({ value: g, label: ART42_GROUP_LABELS[g][lang] })),
                ]}
              />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
