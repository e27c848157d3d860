import { FileSearchOutlined, MailOutlined, ReadOutlined } from '@ant-design/icons';
import { SIZE_CLASS_LABELS } from '@hexie/core';
import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Card, Col, Descriptions, Row, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { endpoints, queryKeys } from '../../api/endpoints';
import { useSignedIn } from '../../app/auth';
import { useLang } from '../../app/i18n';
import { labelOf } from '../../shared/format';
import { ProblemAlert } from '../../shared/problem-alert';

/** 企业用户首页: my enterprise, my unread notices, and the self-service tools. */
export function EnterpriseHome() {
  const { t } = useTranslation();
  const lang = useLang();
  const { user } = useSignedIn();
  const enterprise = useQuery({
    queryKey: queryKeys.myEnterprise,
    queryFn: ({ signal }) => endpoints.myEnterprise(signal),
    enabled: !!user.enterpriseId,
  });
  const inbox = useQuery({
    queryKey: queryKeys.inboxList(1, 1, true),
    queryFn: ({ signal }) => endpoints.inbox(1, 1, true, signal),
    enabled: !!user.enterpriseId,
  });
  const e = enterprise.data;
  return (
    <div data-testid="enterprise-home">
      <div className="hx-welcome">
        <div>
          <h3>{t('enterpriseHome.welcome')}</h3>
          <div>{e?.name ?? user.displayName}</div>
        </div>
      </div>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card title={t('enterpriseHome.enterprise')}>
            {enterprise.error ? <ProblemAlert error={enterprise.error} /> : null}
            {!user.enterpriseId ? (
              t('inbox.noEnterprise')
            ) : !e ? (
              <Skeleton active />
            ) : (
              <Descriptions column={{ xs: 1, md: 2 }} size="small" data-testid="my-enterprise">
                <Descriptions.Item label={t('enterprises.name')}>{e.name}</Descriptions.Item>
                <Descriptions.Item label={t('enterprises.creditCode')}>
                  <span className="hx-mono">{e.creditCode}</span>
                </Descriptions.Item>
                <Descriptions.Item label={t('enterprises.region')}>{e.regionName}</Descriptions.Item>
                <Descriptions.Item label={t('enterprises.industry')}>
                  {e.industryCode} {e.industryName}
                </Descriptions.Item>
                <Descriptions.Item label={t('enterprises.registeredOn')}>
                  {e.registeredOn ?? t('common.none')}
                </Descriptions.Item>
                <Descriptions.Item label={t('enterprises.sizeClass')}>
                  {e.sizeClass ? labelOf(SIZE_CLASS_LABELS, e.sizeClass, lang) : t('enterprises.sizeUnknown')}
                </Descriptions.Item>
              </Descriptions>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title={t('enterpriseHome.unread')}>
            <div className="hx-enterprise-unread">
              <Badge count={inbox.data?.unread ?? 0} showZero color={inbox.data?.unread ? '#d4380d' : '#8c8c8c'}>
                <MailOutlined style={{ fontSize: 36, color: '#1456b8' }} />
              </Badge>
              <Link to="/inbox">
                <Button type="primary" data-testid="open-inbox">
                  {t('enterpriseHome.openInbox')}
                </Button>
              </Link>
            </div>
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card>
            <Card.Meta
              avatar={<FileSearchOutlined style={{ fontSize: 28, color: '#1456b8' }} />}
              title={t('enterpriseHome.selfCheck')}
              description={t('enterpriseHome.selfCheckText')}
            />
            <Link to="/guide/self-check">
              <Button style={{ marginTop: 16 }}>{t('enterpriseHome.startSelfCheck')}</Button>
            </Link>
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card>
            <Card.Meta
              avatar={<ReadOutlined style={{ fontSize: 28, color: '#1456b8' }} />}
              title={t('enterpriseHome.guide')}
              description={t('enterpriseHome.guideText')}
            />
            <Link to="/guide">
              <Button style={{ marginTop: 16 }}>{t('enterpriseHome.openGuide')}</Button>
            </Link>
          </Card>
        </Col>
      </Row>
    </div>
  );
}
