import { CheckCircleOutlined, SearchOutlined, SendOutlined } from '@ant-design/icons';
import {
  CASE_STATUS_LABELS,
  DISPUTE_TYPE_LABELS,
  DISPUTE_TYPES,
  type DisputeType,
  type MediationApplicationBody,
  PROVINCE_CODE,
} from '@hexie/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import {
  Alert,
  Breadcrumb,
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Result,
  Row,
  Select,
  Steps,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { fieldErrorsOf } from '../../api/client';
import { mediationApi, mediationKeys } from '../../api/mediation';
import { useLang } from '../../app/i18n';
import { labelOf } from '../../shared/format';
import { ProblemAlert } from '../../shared/problem-alert';
import { RegionSelect } from '../../shared/region-select';
import { PortalLayout } from '../guidance/portal-layout';
import { DueTag } from './due-tag';
import { EvidenceAdd, EvidencePicker, type EvidenceResult, EvidenceResults, sendEvidence } from './evidence-upload';

interface ApplyValues {
  applicantName: string;
  idNumber: string;
  phone: string;
  respondentName: string;
  creditCode?: string;
  regionCode: string;
  orgId?: string;
  disputeTypes: DisputeType[];
  claimAmount?: number | null;
  facts: string;
  agree: boolean;
}

/** The server's dotted fields on this form's flat fields. */
const FIELD_OF: Record<string, string> = {
  'applicant.name': 'applicantName',
  'applicant.idNumber': 'idNumber',
  'applicant.phone': 'phone',
  'respondent.name': 'respondentName',
  'respondent.creditCode': 'creditCode',
};

function ApplyForm({ onDone }: { onDone: (code: string, phone: string) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [form] = Form.useForm<ApplyValues>();
  const regionCode = Form.useWatch('regionCode', form);
  const orgs = useQuery({
    queryKey: mediationKeys.publicOrgs(regionCode),
    queryFn: ({ signal }) => mediationApi.publicOrgs(regionCode, signal),
    enabled: !!regionCode,
  });
  const apply = useMutation({ mutationFn: mediationApi.apply });
  const [receipt, setReceipt] = useState<Awaited<ReturnType<typeof mediationApi.apply>> | null>(null);
  const [evidence, setEvidence] = useState<File[]>([]);
  const [sent, setSent] = useState<EvidenceResult[]>([]);
  const [sending, setSending] = useState(false);

  const submit = (v: ApplyValues) => {
    const body: MediationApplicationBody = {
      applicant: { name: v.applicantName, idNumber: v.idNumber, phone: v.phone },
      respondent: { name: v.respondentName, creditCode: v.creditCode?.trim() || null },
      regionCode: v.regionCode,
      orgId: v.orgId ?? null,
      disputeTypes: v.disputeTypes,
      claimAmount: v.claimAmount ?? null,
      facts: v.facts,
    };
    apply.mutate(body, {
      onSuccess: async (r) => {
        // The application stands on its own; the evidence follows with its tracking code.
        if (evidence.length) {
          setSending(true);
          setSent(await sendEvidence(r.trackingCode, v.phone, evidence));
          setSending(false);
        }
        setReceipt(r);
        window.scrollTo(0, 0);
      },
      onError: (err) => {
        // The server names fields by their place in the body (applicant.idNumber); the form's are flat.
        const found = fieldErrorsOf(err).map((f) => ({
          name: (FIELD_OF[f.name] ?? f.name) as keyof ApplyValues,
          errors: f.errors,
        }));
        form.setFields(found);
        if (found[0]) form.scrollToField(found[0].name);
      },
    });
  };

  if (receipt) {
    return (
      <Result
        status="success"
        icon={<CheckCircleOutlined />}
        title={t('mediationPublic.submitted')}
        subTitle={t('mediationPublic.submittedHint', { org: receipt.orgName })}
        extra={
          <div data-testid="mediation-receipt">
            <div className="hx-muted">{t('mediationPublic.trackingCode')}</div>
            <div className="gd-deadline-due" data-testid="mediation-tracking-code">
              {receipt.trackingCode}
            </div>
            <Descriptions
              column={1}
              size="small"
              style={{ maxWidth: 420, margin: '12px auto', textAlign: 'left' }}
              items={[
                { label: t('mediationPublic.receivedOn'), children: receipt.receivedOn },
                { label: t('mediationPublic.acceptanceDue'), children: receipt.acceptanceDue },
                { label: t('mediationPublic.mediationDue'), children: receipt.mediationDue },
              ]}
            />
            <EvidenceResults results={sent} />
            <Button
              type="primary"
              onClick={() => onDone(receipt.trackingCode, form.getFieldValue('phone') as string)}
              data-testid="mediation-go-track"
            >
              {t('mediationPublic.trackNow')}
            </Button>
          </div>
        }
      />
    );
  }

  return (
    <Form
      form={form}
      layout="vertical"
      requiredMark
      onFinish={submit}
      initialValues={{ disputeTypes: [] }}
      data-testid="mediation-apply-form"
      scrollToFirstError
    >
      {apply.error && fieldErrorsOf(apply.error).length === 0 ? <ProblemAlert error={apply.error} /> : null}
      <Typography.Title level={5}>{t('mediationPublic.applicant')}</Typography.Title>
      <Row gutter={12}>
        <Col xs={24} md={8}>
          <Form.Item name="applicantName" label={t('mediationPublic.name')} rules={[{ required: true, min: 2 }]}>
            <Input maxLength={50} autoComplete="name" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="idNumber" label={t('mediationPublic.idNumber')} rules={[{ required: true }]}>
            <Input maxLength={18} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="phone" label={t('mediationPublic.phone')} rules={[{ required: true }]}>
            <Input maxLength={13} inputMode="tel" autoComplete="tel" />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Title level={5}>{t('mediationPublic.respondent')}</Typography.Title>
      <Row gutter={12}>
        <Col xs={24} md={14}>
          <Form.Item
            name="respondentName"
            label={t('mediationPublic.respondentName')}
            rules={[{ required: true, min: 2 }]}
          >
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col xs={24} md={10}>
          <Form.Item name="creditCode" label={t('mediationPublic.creditCode')} extra={t('mediationPublic.optional')}>
            <Input maxLength={18} />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Title level={5}>{t('mediationPublic.dispute')}</Typography.Title>
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item name="regionCode" label={t('mediationPublic.region')} rules={[{ required: true }]}>
            <RegionSelect root={PROVINCE_CODE} style={{ width: '100%' }} testId="mediation-region" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="orgId" label={t('mediationPublic.org')} extra={t('mediationPublic.orgHint')}>
            <Select
              allowClear
              disabled={!regionCode}
              loading={orgs.isFetching}
              placeholder={t('mediationPublic.orgPlaceholder')}
              options={(orgs.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
              notFoundContent={t('mediationPublic.noOrgs')}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="disputeTypes"
        label={t('mediationPublic.disputeTypes')}
        rules={[{ required: true, type: 'array', min: 1, message: t('mediationPublic.disputeTypesRequired') }]}
      >
        <Checkbox.Group
          options={DISPUTE_TYPES.map((d) => ({ value: d, label: labelOf(DISPUTE_TYPE_LABELS, d, lang) }))}
        />
      </Form.Item>
      <Form.Item name="claimAmount" label={t('mediationPublic.claimAmount')}>
        <InputNumber min={0} max={100_000_000} precision={2} style={{ width: '100%', maxWidth: 240 }} addonAfter="元" />
      </Form.Item>
      <Form.Item
        name="facts"
        label={t('mediationPublic.facts')}
        rules={[{ required: true, min: 10, message: t('mediationPublic.factsRequired') }]}
      >
        <Input.TextArea rows={5} maxLength={4000} showCount placeholder={t('mediationPublic.factsPlaceholder')} />
      </Form.Item>
      <Form.Item label={t('mediationPublic.evidence')}>
        <EvidencePicker files={evidence} onChange={setEvidence} />
      </Form.Item>
      <Form.Item
        name="agree"
        valuePropName="checked"
        rules={[
          {
            validator: (_, v) =>
              v ? Promise.resolve() : Promise.reject(new Error(t('mediationPublic.agreeRequired'))),
          },
        ]}
      >
        <Checkbox data-testid="mediation-agree">{t('mediationPublic.agree')}</Checkbox>
      </Form.Item>
      <Button
        type="primary"
        htmlType="submit"
        icon={<SendOutlined />}
        loading={apply.isPending || sending}
        data-testid="mediation-submit"
      >
        {t('mediationPublic.submit')}
      </Button>
    </Form>
  );
}

function Track({ initialCode, initialPhone }: { initialCode: string; initialPhone: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [asked, setAsked] = useState(initialCode && initialPhone ? { code: initialCode, phone: initialPhone } : null);
  const status = useQuery({
    queryKey: mediationKeys.track(asked?.code ?? '', asked?.phone ?? ''),
    queryFn: ({ signal }) => mediationApi.track(asked?.code ?? '', asked?.phone ?? '', signal),
    enabled: !!asked,
    retry: false,
  });
  const s = status.data;
  const steps = ['received', 'accepted', 'in_mediation'] as const;
  const reached = s ? s.history.map((h) => h.toStatus) : [];
  return (
    <div>
      <Form
        layout="vertical"
        initialValues={{ code: initialCode, phone: initialPhone }}
        onFinish={(v: { code: string; phone: string }) =>
          setAsked({ code: v.code.trim().toUpperCase(), phone: v.phone.trim() })
        }
        data-testid="mediation-track-form"
      >
        <Row gutter={12}>
          <Col xs={24} md={10}>
            <Form.Item name="code" label={t('mediationPublic.trackingCode')} rules={[{ required: true }]}>
              <Input maxLength={8} style={{ textTransform: 'uppercase' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item name="phone" label={t('mediationPublic.phone')} rules={[{ required: true }]}>
              <Input maxLength={13} inputMode="tel" />
            </Form.Item>
          </Col>
          <Col xs={24} md={4}>
            <Form.Item label=" " className="gd-no-print">
              <Button
                type="primary"
                htmlType="submit"
                icon={<SearchOutlined />}
                block
                data-testid="mediation-track-submit"
              >
                {t('mediationPublic.track')}
              </Button>
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {status.isError ? (
        <Alert type="warning" showIcon title={t('mediationPublic.notFound')} data-testid="mediation-track-missing" />
      ) : null}
      {s ? (
        <div data-testid="mediation-track-result">
          <Descriptions
            column={{ xs: 1, md: 2 }}
            size="small"
            items={[
              { label: t('mediationPublic.trackingCode'), children: s.trackingCode },
              { label: t('mediationPublic.org'), children: s.orgName },
              {
                label: t('mediationPublic.status'),
                children: (
                  <Tag
                    color={s.status === 'agreement' ? 'green' : s.pending ? 'blue' : 'default'}
                    data-testid="mediation-track-status"
                  >
                    {labelOf(CASE_STATUS_LABELS, s.status, lang)}
                  </Tag>
                ),
              },
              { label: t('mediationPublic.receivedOn'), children: s.receivedOn },
              s.pending
                ? {
                    label: t(
                      s.pending.kind === 'acceptance'
                        ? 'mediationPublic.acceptanceDue'
                        : 'mediationPublic.mediationDue',
                    ),
                    children: <DueTag pending={s.pending} />,
                  }
                : { label: t('mediationPublic.closedOn'), children: s.closedOn ?? '' },
            ]}
          />
          {s.pending ? (
            <Steps
              size="small"
              style={{ marginTop: 16 }}
              direction="vertical"
              current={(steps as readonly string[]).indexOf(s.status)}
              items={steps.map((x) => ({
                title: labelOf(CASE_STATUS_LABELS, x, lang),
                status: reached.includes(x) ? (x === s.status ? 'process' : 'finish') : 'wait',
              }))}
            />
          ) : null}
          {s.status === 'received' && asked ? <EvidenceAdd code={s.trackingCode} phone={asked.phone} /> : null}
          <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
            {t('mediationPublic.deadlineNote')}
          </Typography.Paragraph>
        </div>
      ) : null}
    </div>
  );
}

/**
 * 网上申请调解 (互联网+调解): a worker or employer applies without an account and follows the case with the
 * tracking code and the phone number. Laid out for a phone first.
 */
export function PublicMediationPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'track' ? 'track' : 'apply';
  const [tracking, setTracking] = useState({ code: '', phone: '' });
  return (
    <PortalLayout>
      <Breadcrumb
        className="gd-crumbs"
        items={[{ title: <Link to="/guide">{t('guide.navHome')}</Link> }, { title: t('guide.navMediation') }]}
      />
      <Card>
        <Typography.Paragraph type="secondary">{t('mediationPublic.intro')}</Typography.Paragraph>
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams(k === 'track' ? { tab: 'track' } : {})}
          items={[
            {
              key: 'apply',
              label: t('mediationPublic.applyTab'),
              children: (
                <ApplyForm
                  onDone={(code, phone) => {
                    setTracking({ code, phone });
                    setParams({ tab: 'track' });
                  }}
                />
              ),
            },
            {
              key: 'track',
              label: t('mediationPublic.trackTab'),
              children: <Track key={tracking.code} initialCode={tracking.code} initialPhone={tracking.phone} />,
            },
          ]}
        />
      </Card>
    </PortalLayout>
  );
}
