import { CalculatorOutlined } from '@ant-design/icons';
import {
  formatYuan,
  type ParameterUsed,
  PROVINCE_CODE,
  type SeveranceAnswer,
  type SeveranceBody,
  wageTierLabel,
} from '@hexie/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import {
  Alert,
  Breadcrumb,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Grid,
  InputNumber,
  Radio,
  Row,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { calculatorsApi } from '../../api/calculators';
import { useLang } from '../../app/i18n';
import { showFieldErrors } from '../../shared/forms';
import { ProblemAlert } from '../../shared/problem-alert';
import { RegionSelect } from '../../shared/region-select';
import { clearErrors, Explanation, ParameterSourceText, useYuan } from './calculator-shared';
import { PortalLayout } from './portal-layout';

interface Values {
  averageMonthlyWage?: number;
  by: 'dates' | 'months';
  serviceStart?: Dayjs;
  serviceEnd?: Dayjs;
  serviceMonths?: number;
  terminationDate?: Dayjs;
  regionCode?: string;
  localAverageMonthlyWage?: number | null;
  minimumWage?: number | null;
  withoutNotice?: boolean;
  lastMonthWage?: number | null;
}

const FIELDS = new Set([
  'averageMonthlyWage',
  'serviceMonths',
  'serviceStart',
  'serviceEnd',
  'terminationDate',
  'regionCode',
  'localAverageMonthlyWage',
  'minimumWage',
  'lastMonthWage',
]);
const day = (d: Dayjs | undefined) => d?.format('YYYY-MM-DD');

function bodyOf(v: Values): SeveranceBody {
  const body: SeveranceBody = { averageMonthlyWage: v.averageMonthlyWage ?? Number.NaN };
  if (v.by === 'dates') {
    if (v.serviceStart) body.serviceStart = day(v.serviceStart);
    if (v.serviceEnd) body.serviceEnd = day(v.serviceEnd);
  } else {
    if (v.serviceMonths != null) body.serviceMonths = v.serviceMonths;
    if (v.terminationDate) body.terminationDate = day(v.terminationDate);
  }
  if (v.regionCode) body.regionCode = v.regionCode;
  if (v.localAverageMonthlyWage != null) body.localAverageMonthlyWage = v.localAverageMonthlyWage;
  if (v.minimumWage != null) body.minimumWage = v.minimumWage;
  if (v.withoutNotice) {
    body.withoutNotice = true;
    if (v.lastMonthWage != null) body.lastMonthWage = v.lastMonthWage;
  }
  return body;
}

/** What a parameter defaults to for the chosen region and date, under its input. */
function DefaultHint({ used, region }: { used: ParameterUsed | null | undefined; region: string | undefined }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (!region) return <>{t('severance.pickRegion')}</>;
  if (used === undefined) return null;
  if (used === null) return <Typography.Text type="warning">{t('severance.noTable')}</Typography.Text>;
  const what = [
    used.regionName,
    used.tier ? wageTierLabel(used.tier)[lang] : null,
    used.statYear ? t('severance.statYear', { year: used.statYear }) : null,
  ]
    .filter(Boolean)
    .join(' · ');
  return <>{t('severance.fromTable', { value: formatYuan(used.value), what, basis: used.basis ?? '' })}</>;
}

function Answer({ result }: { result: SeveranceAnswer }) {
  const { t } = useTranslation();
  const phone = !Grid.useBreakpoint().sm;
  const yuan = useYuan();
  const s = result.service;
  const used = result.parameters;
  return (
    <div data-testid="severance-result">
      <div className="hx-muted">{t('severance.total')}</div>
      <div className="calc-total" data-testid="severance-total">
        {yuan(result.total)}
      </div>
      <div className="calc-tags">
        {result.capped ? <Tag color="orange">{t('severance.capped')}</Tag> : null}
        {result.floored ? <Tag color="blue">{t('severance.floored')}</Tag> : null}
        {result.noticePay > 0 ? <Tag color="purple">{t('severance.withNotice')}</Tag> : null}
      </div>
      <Descriptions
        className="calc-breakdown"
        bordered
        size="small"
        column={1}
        // A phone's narrow table: less padding, a narrower label column.
        styles={phone ? { label: { padding: 8, width: '32%' }, content: { padding: 8 } } : undefined}
        items={[
          {
            key: 'service',
            label: t('severance.service'),
            children: `${t('severance.serviceValue', { y: Math.floor(s.months / 12), m: s.months % 12 })}${
              s.days ? t('severance.serviceDays', { d: s.days }) : ''
            }`,
          },
          {
            key: 'n',
            label: t('severance.years'),
            children: <strong data-testid="severance-years">{result.years}</strong>,
          },
          {
            key: 'wage',
            label: t('severance.monthlyWage'),
            children: <span className="calc-money">{yuan(result.monthlyWage)}</span>,
          },
          {
            key: 'min',
            label: t('severance.minimumWageShort'),
            children: (
              <>
                <div className="calc-money">{yuan(used.minimumWage.value)}</div>
                <ParameterSourceText used={used.minimumWage} />
              </>
            ),
          },
          {
            key: 'local',
            label: t('severance.localAverageShort'),
            children: (
              <>
                <div className="calc-money">{yuan(used.localAverageMonthlyWage.value)}</div>
                <div>{t('severance.capLine', { cap: formatYuan(result.cap) })}</div>
                <ParameterSourceText used={used.localAverageMonthlyWage} />
              </>
            ),
          },
          {
            key: 'base',
            label: t('severance.base'),
            children: <span className="calc-money">{yuan(result.base)}</span>,
          },
          {
            key: 'severance',
            label: t('severance.severance'),
            children: (
              <span className="calc-money" data-testid="severance-amount">
                {formatYuan(result.base)} × {result.years} = {yuan(result.severance)}
              </span>
            ),
          },
          ...(result.noticePay > 0
            ? [
                {
                  key: 'notice',
                  label: t('severance.noticePay'),
                  children: <span className="calc-money">{yuan(result.noticePay)}</span>,
                },
              ]
            : []),
          {
            key: 'total',
            label: t('severance.total'),
            children: <strong className="calc-money">{yuan(result.total)}</strong>,
          },
        ]}
      />
      {used.localAverageMonthlyWage.stale ? (
        <Alert
          style={{ marginTop: 12 }}
          type="warning"
          showIcon
          data-testid="severance-stale"
          title={t('severance.stale', { year: used.localAverageMonthlyWage.statYear ?? '' })}
        />
      ) : null}
      <Explanation lines={result.explanation} testId="severance-explanation" />
    </div>
  );
}

/**
 * 经济补偿计算: 《劳动合同法》第四十七条 (and 第四十条's month in lieu of notice), computed by core on the server with the
 * region's minimum wage and average wage from the parameter tables unless the visitor types their own. Public.
 */
export function GuideSeverancePage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const calc = useMutation({ mutationFn: calculatorsApi.severance });
  const by = Form.useWatch('by', form) ?? 'dates';
  const regionCode = Form.useWatch('regionCode', form);
  const serviceEnd = Form.useWatch('serviceEnd', form);
  const terminationDate = Form.useWatch('terminationDate', form);
  const withoutNotice = Form.useWatch('withoutNotice', form);
  const date = by === 'dates' ? day(serviceEnd) : day(terminationDate);
  const defaults = useQuery({
    queryKey: ['calculators', 'wage-parameters', regionCode, date],
    queryFn: ({ signal }) => calculatorsApi.wageParameters(regionCode as string, date, signal),
    enabled: !!regionCode,
    staleTime: 60_000,
  });
  const submit = (v: Values) => calc.mutate(bodyOf(v), { onError: (err) => showFieldErrors(form, err, FIELDS) });
  const shown = defaults.data && defaults.data.regionCode === regionCode ? defaults.data : undefined;

  return (
    <PortalLayout>
      <Breadcrumb
        className="gd-crumbs"
        items={[{ title: <Link to="/guide">{t('guide.navHome')}</Link> }, { title: t('guide.navSeverance') }]}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t('severance.title')}>
            <Typography.Paragraph type="secondary">{t('severance.intro')}</Typography.Paragraph>
            <Form<Values>
              form={form}
              layout="vertical"
              requiredMark={false}
              initialValues={{ by: 'dates', serviceEnd: dayjs(), terminationDate: dayjs() }}
              onFinish={submit}
              onValuesChange={(changed) => clearErrors(form, changed)}
              data-testid="severance-form"
            >
              <Form.Item
                name="averageMonthlyWage"
                label={t('severance.wage')}
                extra={t('severance.wageHint')}
                rules={[{ required: true, message: t('severance.wageRequired') }]}
              >
                <InputNumber
                  min={0}
                  max={10_000_000}
                  precision={2}
                  style={{ width: '100%' }}
                  data-testid="severance-wage"
                />
              </Form.Item>
              <Form.Item name="by" label={t('severance.serviceBy')}>
                <Radio.Group
                  optionType="button"
                  options={[
                    { value: 'dates', label: t('severance.byDates') },
                    { value: 'months', label: t('severance.byMonths') },
                  ]}
                  data-testid="severance-by"
                />
              </Form.Item>
              {by === 'dates' ? (
                <Row gutter={12}>
                  <Col xs={24} sm={12}>
                    <Form.Item
                      name="serviceStart"
                      label={t('severance.serviceStart')}
                      rules={[{ required: true, message: t('severance.startRequired') }]}
                    >
                      <DatePicker style={{ width: '100%' }} data-testid="severance-start" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12}>
                    <Form.Item
                      name="serviceEnd"
                      label={t('severance.serviceEnd')}
                      rules={[{ required: true, message: t('severance.endRequired') }]}
                    >
                      <DatePicker style={{ width: '100%' }} data-testid="severance-end" />
                    </Form.Item>
                  </Col>
                </Row>
              ) : (
                <Row gutter={12}>
                  <Col xs={24} sm={12}>
                    <Form.Item
                      name="serviceMonths"
                      label={t('severance.months')}
                      extra={t('severance.monthsHint')}
                      rules={[{ required: true, message: t('severance.monthsRequired') }]}
                    >
                      <InputNumber
                        min={0}
                        max={720}
                        precision={0}
                        style={{ width: '100%' }}
                        data-testid="severance-months"
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12}>
                    <Form.Item name="terminationDate" label={t('severance.terminationDate')}>
                      <DatePicker style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                </Row>
              )}
              {by === 'dates' ? (
                <Typography.Paragraph type="secondary" style={{ marginTop: -8, fontSize: 13 }}>
                  {t('severance.datesHint')}
                </Typography.Paragraph>
              ) : null}
              <Form.Item name="regionCode" label={t('severance.region')} extra={t('severance.regionHint')}>
                <RegionSelect
                  root={PROVINCE_CODE}
                  allowClear
                  placeholder={t('severance.regionPlaceholder')}
                  style={{ width: '100%' }}
                  testId="severance-region"
                />
              </Form.Item>
              <Row gutter={12}>
                <Col xs={24} sm={12}>
                  <Form.Item
                    name="minimumWage"
                    label={t('severance.minimumWage')}
                    extra={
                      <DefaultHint
                        used={regionCode ? (shown ? shown.minimumWage : undefined) : undefined}
                        region={regionCode}
                      />
                    }
                  >
                    <InputNumber
                      min={0.01}
                      max={10_000_000}
                      precision={2}
                      style={{ width: '100%' }}
                      placeholder={shown?.minimumWage ? formatYuan(shown.minimumWage.value) : undefined}
                      data-testid="severance-minimum"
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item
                    name="localAverageMonthlyWage"
                    label={t('severance.localAverage')}
                    extra={
                      <DefaultHint
                        used={regionCode ? (shown ? shown.localAverageMonthlyWage : undefined) : undefined}
                        region={regionCode}
                      />
                    }
                  >
                    <InputNumber
                      min={0.01}
                      max={10_000_000}
                      precision={2}
                      style={{ width: '100%' }}
                      placeholder={
                        shown?.localAverageMonthlyWage ? formatYuan(shown.localAverageMonthlyWage.value) : undefined
                      }
                      data-testid="severance-local"
                    />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name="withoutNotice" valuePropName="checked" style={{ marginBottom: withoutNotice ? 8 : 24 }}>
                <Checkbox data-testid="severance-without-notice">{t('severance.withoutNotice')}</Checkbox>
              </Form.Item>
              {withoutNotice ? (
                <Form.Item
                  name="lastMonthWage"
                  label={t('severance.lastMonthWage')}
                  rules={[{ required: true, message: t('severance.lastMonthRequired') }]}
                >
                  <InputNumber
                    min={0}
                    max={10_000_000}
                    precision={2}
                    style={{ width: '100%' }}
                    data-testid="severance-last-month"
                  />
                </Form.Item>
              ) : null}
              <Button
                type="primary"
                htmlType="submit"
                icon={<CalculatorOutlined />}
                loading={calc.isPending}
                data-testid="severance-submit"
              >
                {t('severance.submit')}
              </Button>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('severance.resultTitle')}>
            {calc.error && !calc.isPending ? <ProblemAlert error={calc.error} /> : null}
            {calc.data && !calc.isPending ? (
              <Answer result={calc.data} />
            ) : calc.error ? null : (
              <Typography.Paragraph type="secondary">{t('severance.empty')}</Typography.Paragraph>
            )}
            <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 13 }}>
              {t('severance.rules')}
            </Typography.Paragraph>
          </Card>
        </Col>
      </Row>
    </PortalLayout>
  );
}
