import { AuditOutlined, CalculatorOutlined } from '@ant-design/icons';
import {
  ABILITY_RATING_LABELS,
  type AbilityRating,
  type AbilityToPayAnswer,
  type AbilityToPayBody,
  formatYuan,
  type LayoffCheck,
  type LayoffCheckBody,
  PROVINCE_CODE,
} from '@hexie/core';
import { useMutation } from '@tanstack/react-query';
import {
  Alert,
  Breadcrumb,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Statistic,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { calculatorsApi } from '../../api/calculators';
import { fieldErrorsOf } from '../../api/client';
import { useLang } from '../../app/i18n';
import { showFieldErrors } from '../../shared/forms';
import { ProblemAlert } from '../../shared/problem-alert';
import { RegionSelect } from '../../shared/region-select';
import { clearErrors, Explanation, ParameterSourceText, useYuan } from './calculator-shared';
import { PortalLayout } from './portal-layout';

// ——— 第四十一条 ———

interface CheckValues {
  employees?: number;
  layoffs?: number;
  plannedOn?: Dayjs;
}
const CHECK_FIELDS = new Set(['employees', 'layoffs', 'plannedOn']);

function CheckAnswer({ result }: { result: LayoffCheck }) {
  const { t } = useTranslation();
  const lang = useLang();
  const pct = `${(result.share * 100).toFixed(1)}%`;
  return (
    <div data-testid="layoff-result">
      <Alert
        type={result.art41Applies ? 'warning' : 'info'}
        showIcon
        data-testid="layoff-verdict"
        title={<span className="calc-verdict">{t(result.art41Applies ? 'layoff.applies' : 'layoff.notApplies')}</span>}
        description={
          <>
            {t('layoff.shareLine', { layoffs: result.layoffs, employees: result.employees, pct })}
            <div className="calc-tags">
              <Tag color={result.byCount ? 'orange' : 'default'}>
                {t('layoff.byCount', { n: result.thresholds.people })} {result.byCount ? '✓' : '✗'}
              </Tag>
              <Tag color={result.byShare ? 'orange' : 'default'}>
                {t('layoff.byShare')} {result.byShare ? '✓' : '✗'}
              </Tag>
            </div>
          </>
        }
      />
      {result.requirements.length ? (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('layoff.requirements')}
          </Typography.Title>
          <ol className="calc-steps" data-testid="layoff-requirements">
            {result.requirements.map((r) => (
              <li key={r.step}>
                {r.label[lang]}
                {r.latestOn ? (
                  <Tag color="red" style={{ marginLeft: 8 }}>
                    {t('layoff.latestOn', { date: r.latestOn })}
                  </Tag>
                ) : null}
                <div className="hx-muted">{r.basis}</div>
              </li>
            ))}
          </ol>
        </>
      ) : null}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('layoff.protected')}
      </Typography.Title>
      <ul className="calc-steps">
        {result.protectedGroups.map((g) => (
          <li key={g.group}>{g.label[lang]}</li>
        ))}
      </ul>
      <Explanation lines={result.explanation} />
    </div>
  );
}

// ——— 支付能力 ———

interface AbilityValues {
  mode: 'count' | 'list';
  regionCode?: string;
  count?: number;
  averageMonthlyWage?: number;
  averageServiceMonths?: number;
  list?: string;
  wagesOwed?: number | null;
  fundsAvailable?: number;
}
const ABILITY_FIELDS = new Set([
  'regionCode',
  'count',
  'averageMonthlyWage',
  'averageServiceMonths',
  'wagesOwed',
  'fundsAvailable',
  'localAverageMonthlyWage',
  'minimumWage',
]);
/** Money figures small enough for four to a row beside the form. */
const STAT_STYLES = { content: { fontSize: 20 } };
const RATING_COLORS: Record<AbilityRating, string> = {
  sufficient: 'green',
  tight: 'gold',
  insufficient: 'orange',
  severe: 'red',
};

/**
 * One person a line, as two or three cells copied from a spreadsheet: "6000, 63" (wage, months of service) or
 * "6000, 2020-01-15, 2025-04-14" (wage, first and last day). Answers the staff list or the first bad line.
 */
export function parseStaffList(text: string): { staff: NonNullable<AbilityToPayBody['staff']> } | { badLine: number } {
  const staff: NonNullable<AbilityToPayBody['staff']> = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = (lines[i] ?? '').trim();
    if (!raw) continue;
    const cells = raw.split(/[\s,，\t]+/).filter(Boolean);
    const wage = Number(cells[0]?.replace(/[¥￥]/g, ''));
    if (!Number.isFinite(wage) || wage < 0) return { badLine: i + 1 };
    if (cells.length === 2 && /^\d+$/.test(cells[1] ?? '')) {
      staff.push({ averageMonthlyWage: wage, serviceMonths: Number(cells[1]) });
    } else if (cells.length === 3 && cells.slice(1).every((c) => /^\d{4}-\d{2}-\d{2}$/.test(c))) {
      staff.push({ averageMonthlyWage: wage, serviceStart: cells[1], serviceEnd: cells[2] });
    } else return { badLine: i + 1 };
  }
  return { staff };
}

function AbilityAnswer({ result }: { result: AbilityToPayAnswer }) {
  const { t } = useTranslation();
  const lang = useLang();
  const yuan = useYuan();
  return (
    <div data-testid="ability-result">
      <div className="calc-stats">
        <Statistic
          styles={STAT_STYLES}
          title={t('layoff.need')}
          value={formatYuan(result.need)}
          suffix={t('layoff.yuanUnit')}
        />
        <Statistic
          styles={STAT_STYLES}
          title={t('layoff.funds')}
          value={formatYuan(result.fundsAvailable)}
          suffix={t('layoff.yuanUnit')}
        />
        <Statistic
          styles={STAT_STYLES}
          title={t('layoff.ratio')}
          value={result.ratio === null ? '—' : result.ratio.toFixed(2)}
        />
        <div>
          <div className="hx-muted" style={{ marginBottom: 4 }}>
            {t('layoff.rating')}
          </div>
          <Tag
            color={RATING_COLORS[result.rating]}
            data-testid="ability-rating"
            style={{ fontSize: 14, padding: '2px 8px' }}
          >
            {ABILITY_RATING_LABELS[result.rating][lang]}
          </Tag>
        </div>
      </div>
      <Typography.Paragraph style={{ marginBottom: 4 }}>
        {t('layoff.severanceLine', {
          people: result.people,
          total: yuan(result.severanceTotal),
          owed: yuan(result.wagesOwed),
        })}
        {result.estimated ? <Tag style={{ marginLeft: 8 }}>{t('layoff.estimated')}</Tag> : null}
        {result.shortfall > 0 ? (
          <Typography.Text type="danger" style={{ marginLeft: 8 }}>
            {t('layoff.shortfall', { v: yuan(result.shortfall) })}
          </Typography.Text>
        ) : null}
      </Typography.Paragraph>
      <div className="hx-muted" style={{ fontSize: 13 }}>
        {t('severance.minimumWage')} {yuan(result.parameters.minimumWage.value)} ·{' '}
        <ParameterSourceText used={result.parameters.minimumWage} />
        <br />
        {t('severance.localAverage')} {yuan(result.parameters.localAverageMonthlyWage.value)} ·{' '}
        <ParameterSourceText used={result.parameters.localAverageMonthlyWage} />
      </div>
      <Explanation lines={result.explanation} />
    </div>
  );
}

function AbilityCard() {
  const { t } = useTranslation();
  const [form] = Form.useForm<AbilityValues>();
  const calc = useMutation({ mutationFn: calculatorsApi.abilityToPay });
  const [listError, setListError] = useState<string | null>(null);
  const mode = Form.useWatch('mode', form) ?? 'count';
  const submit = (v: AbilityValues) => {
    const body: AbilityToPayBody = { fundsAvailable: v.fundsAvailable ?? Number.NaN };
    if (v.regionCode) body.regionCode = v.regionCode;
    if (v.wagesOwed != null) body.wagesOwed = v.wagesOwed;
    if (v.mode === 'list') {
      const parsed = parseStaffList(v.list ?? '');
      if ('badLine' in parsed || parsed.staff.length === 0) {
        const message = 'badLine' in parsed ? t('layoff.listBad', { line: parsed.badLine }) : t('layoff.listEmpty');
        setListError(message);
        form.setFields([{ name: 'list', errors: [message] }]);
        return;
      }
      body.staff = parsed.staff;
    } else {
      if (v.count != null) body.count = v.count;
      if (v.averageMonthlyWage != null) body.averageMonthlyWage = v.averageMonthlyWage;
      if (v.averageServiceMonths != null) body.averageServiceMonths = v.averageServiceMonths;
    }
    setListError(null);
    calc.mutate(body, {
      onError: (err) => {
        showFieldErrors(form, err, ABILITY_FIELDS);
        // A person's field (staff.3.serviceEnd) goes on the list, naming the person.
        const people = fieldErrorsOf(err).filter((f) => f.name.startsWith('staff.'));
        if (people.length) {
          form.setFields([
            {
              name: 'list',
              errors: people.map((f) =>
                t('layoff.listPerson', { n: Number(f.name.split('.')[1]) + 1, message: f.errors.join(' ') }),
              ),
            },
          ]);
        }
      },
    });
  };
  return (
    <Card title={t('layoff.abilityTitle')} data-testid="ability-card">
      <Typography.Paragraph type="secondary">{t('layoff.abilityIntro')}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Form<AbilityValues>
            form={form}
            layout="vertical"
            requiredMark={false}
            initialValues={{ mode: 'count', wagesOwed: 0 }}
            onFinish={submit}
            onValuesChange={(changed) => clearErrors(form, changed)}
            data-testid="ability-form"
          >
            <Form.Item name="regionCode" label={t('layoff.region')} extra={t('layoff.regionHint')}>
              <RegionSelect root={PROVINCE_CODE} allowClear style={{ width: '100%' }} testId="ability-region" />
            </Form.Item>
            <Form.Item name="mode" label={t('layoff.mode')}>
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'count', label: t('layoff.modeCount') },
                  { value: 'list', label: t('layoff.modeList') },
                ]}
              />
            </Form.Item>
            {mode === 'count' ? (
              <Row gutter={12}>
                <Col xs={24} sm={8}>
                  <Form.Item
                    name="count"
                    label={t('layoff.count')}
                    rules={[{ required: true, message: t('layoff.required') }]}
                  >
                    <InputNumber min={1} precision={0} style={{ width: '100%' }} data-testid="ability-count" />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={8}>
                  <Form.Item
                    name="averageMonthlyWage"
                    label={t('layoff.avgWage')}
                    rules={[{ required: true, message: t('layoff.required') }]}
                  >
                    <InputNumber min={0} precision={2} style={{ width: '100%' }} data-testid="ability-wage" />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={8}>
                  <Form.Item
                    name="averageServiceMonths"
                    label={t('layoff.avgMonths')}
                    rules={[{ required: true, message: t('layoff.required') }]}
                  >
                    <InputNumber
                      min={0}
                      max={720}
                      precision={0}
                      style={{ width: '100%' }}
                      data-testid="ability-months"
                    />
                  </Form.Item>
                </Col>
              </Row>
            ) : (
              <Form.Item name="list" label={t('layoff.list')} extra={t('layoff.listHint')}>
                <Input.TextArea
                  rows={6}
                  placeholder={'6000, 63\n5200.50, 2019-03-01, 2026-02-28'}
                  data-testid="ability-list"
                />
              </Form.Item>
            )}
            <Row gutter={12}>
              <Col xs={24} sm={12}>
                <Form.Item name="wagesOwed" label={t('layoff.wagesOwed')}>
                  <InputNumber min={0} precision={2} style={{ width: '100%' }} data-testid="ability-owed" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item
                  name="fundsAvailable"
                  label={t('layoff.fundsLabel')}
                  rules={[{ required: true, message: t('layoff.required') }]}
                >
                  <InputNumber min={0} precision={2} style={{ width: '100%' }} data-testid="ability-funds" />
                </Form.Item>
              </Col>
            </Row>
            <Button
              type="primary"
              htmlType="submit"
              icon={<CalculatorOutlined />}
              loading={calc.isPending}
              data-testid="ability-submit"
            >
              {t('layoff.assess')}
            </Button>
          </Form>
        </Col>
        <Col xs={24} lg={12}>
          {listError ? <Alert type="error" showIcon title={listError} /> : null}
          {calc.error && !calc.isPending ? <ProblemAlert error={calc.error} /> : null}
          {calc.data && !calc.isPending ? (
            <AbilityAnswer result={calc.data} />
          ) : calc.error || listError ? null : (
            <Typography.Paragraph type="secondary">{t('layoff.abilityEmpty')}</Typography.Paragraph>
          )}
        </Col>
      </Row>
    </Card>
  );
}

/**
 * 经济性裁员判断: whether 《劳动合同法》第四十一条's procedure applies and what it then requires (core's checkLayoff on
 * the server), and whether the employer can pay the severance (core's abilityToPay). Public.
 */
export function GuideLayoffCheckPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<CheckValues>();
  const calc = useMutation({ mutationFn: calculatorsApi.layoffCheck });
  const submit = (v: CheckValues) => {
    const body: LayoffCheckBody = { employees: v.employees ?? Number.NaN, layoffs: v.layoffs ?? Number.NaN };
    if (v.plannedOn) body.plannedOn = v.plannedOn.format('YYYY-MM-DD');
    calc.mutate(body, { onError: (err) => showFieldErrors(form, err, CHECK_FIELDS) });
  };
  return (
    <PortalLayout>
      <Breadcrumb
        className="gd-crumbs"
        items={[{ title: <Link to="/guide">{t('guide.navHome')}</Link> }, { title: t('guide.navLayoff') }]}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t('layoff.title')}>
            <Typography.Paragraph type="secondary">{t('layoff.intro')}</Typography.Paragraph>
            <Form<CheckValues>
              form={form}
              layout="vertical"
              requiredMark={false}
              onFinish={submit}
              onValuesChange={(changed) => clearErrors(form, changed)}
              data-testid="layoff-form"
            >
              <Row gutter={12}>
                <Col xs={12}>
                  <Form.Item
                    name="employees"
                    label={t('layoff.employees')}
                    rules={[{ required: true, message: t('layoff.required') }]}
                  >
                    <InputNumber min={1} precision={0} style={{ width: '100%' }} data-testid="layoff-employees" />
                  </Form.Item>
                </Col>
                <Col xs={12}>
                  <Form.Item
                    name="layoffs"
                    label={t('layoff.layoffs')}
                    rules={[{ required: true, message: t('layoff.required') }]}
                  >
                    <InputNumber min={1} precision={0} style={{ width: '100%' }} data-testid="layoff-layoffs" />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name="plannedOn" label={t('layoff.plannedOn')} extra={t('layoff.plannedHint')}>
                <DatePicker style={{ width: '100%' }} data-testid="layoff-planned" />
              </Form.Item>
              <Button
                type="primary"
                htmlType="submit"
                icon={<AuditOutlined />}
                loading={calc.isPending}
                data-testid="layoff-submit"
              >
                {t('layoff.submit')}
              </Button>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('layoff.resultTitle')}>
            {calc.error && !calc.isPending ? <ProblemAlert error={calc.error} /> : null}
            {calc.data && !calc.isPending ? (
              <CheckAnswer result={calc.data} />
            ) : calc.error ? null : (
              <Typography.Paragraph type="secondary">{t('layoff.empty')}</Typography.Paragraph>
            )}
          </Card>
        </Col>
        <Col span={24}>
          <AbilityCard />
        </Col>
      </Row>
    </PortalLayout>
  );
}
