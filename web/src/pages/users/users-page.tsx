import { EditOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { grantableRoles, MEMBER_UNIT_LABELS, ROLE_LABELS, ROLES, type Role, type UserDetail } from '@hexie/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Form, Input, Select, Table, type TableColumnsType, Tag, Tooltip } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { endpoints, queryKeys, type UserListQuery } from '../../api/endpoints';
import { useCan, useSignedIn } from '../../app/auth';
import { useLang } from '../../app/i18n';
import { formatTime, labelOf } from '../../shared/format';
import { FilterActions, listPagination, PAGE_SIZES, searchParamsOf } from '../../shared/list';
import { PageHeader } from '../../shared/page-header';
import { ProblemAlert } from '../../shared/problem-alert';
import { RegionSelect } from '../../shared/region-select';
import { UserDrawer, type UserDrawerState } from './user-drawer';

type Status = 'active' | 'disabled';

interface Filters {
  q?: string | undefined;
  regionCode?: string | undefined;
  role?: Role | undefined;
  status?: Status | undefined;
}

/** Filters and paging live in the address bar: a refresh or a shared link shows the same list. */
function parseParams(params: URLSearchParams) {
  const role = params.get('role');
  const status = params.get('status');
  const pageSize = Number(params.get('pageSize'));
  const filters: Filters = {
    q: params.get('q') || undefined,
    regionCode: params.get('regionCode') || undefined,
    role: role && (ROLES as readonly string[]).includes(role) ? (role as Role) : undefined,
    status: status === 'active' || status === 'disabled' ? status : undefined,
  };
  const query: UserListQuery = {
    q: filters.q,
    regionCode: filters.regionCode,
    role: filters.role,
    disabled: filters.status === 'disabled' ? 'true' : filters.status === 'active' ? 'false' : undefined,
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : 20,
  };
  return { filters, query };
}

function useListParams() {
  const [params, setParams] = useSearchParams();
  const { filters, query } = parseParams(params);
  const update = (next: Filters & { page?: number; pageSize?: number }) => {
    const out = searchParamsOf(next);
    setParams(out);
    // Same list again: the caller refetches (查询 always asks the server).
    return JSON.stringify(parseParams(out).query) !== JSON.stringify(query);
  };
  return { filters, query, update };
}

function StatusTag({ user }: { user: UserDetail }) {
  const { t } = useTranslation();
  if (user.disabled) return <Tag color="default">{t('users.statusDisabled')}</Tag>;
  if (user.lockedUntil && new Date(user.lockedUntil).getTime() > Date.now()) {
    return (
      <Tooltip title={t('users.lockedUntil', { time: formatTime(user.lockedUntil, 'MM-DD HH:mm') })}>
        <Tag color="orange">{t('users.statusLocked')}</Tag>
      </Tooltip>
    );
  }
  return <Tag color="green">{t('users.statusActive')}</Tag>;
}

/** 用户管理: the accounts of my region and below. */
export function UsersPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const me = useSignedIn().user;
  const can = useCan();
  const canWrite = can('users:write');
  const { filters, query, update } = useListParams();
  const [form] = Form.useForm<Filters>();
  const [drawer, setDrawer] = useState<UserDrawerState>(null);

  useEffect(() => {
    form.setFieldsValue({ q: filters.q, regionCode: filters.regionCode, role: filters.role, status: filters.status });
  }, [form, filters.q, filters.regionCode, filters.role, filters.status]);

  const list = useQuery({
    queryKey: queryKeys.userList(query),
    queryFn: ({ signal }) => endpoints.users(query, signal),
    placeholderData: keepPreviousData,
  });

  const editable = useMemo(() => grantableRoles(me.role), [me.role]);
  const columns = useMemo<TableColumnsType<UserDetail>>(
    () => [
      { title: t('users.username'), dataIndex: 'username', width: 130, ellipsis: true },
      { title: t('users.displayName'), dataIndex: 'displayName', width: 150, ellipsis: true },
      {
        title: t('users.role'),
        dataIndex: 'role',
        width: lang === 'zh-CN' ? 130 : 170,
        ellipsis: true,
        render: (r: Role) => labelOf(ROLE_LABELS, r, lang),
      },
      {
        title: t('users.region'),
        dataIndex: 'regionName',
        ellipsis: true,
        render: (name: string) => <Tooltip title={name}>{name}</Tooltip>,
      },
      {
        title: t('users.memberUnit'),
        dataIndex: 'memberUnit',
        width: lang === 'zh-CN' ? 90 : 150,
        ellipsis: true,
        render: (u: UserDetail['memberUnit']) => labelOf(MEMBER_UNIT_LABELS, u, lang) || t('common.none'),
      },
      {
        title: t('users.status'),
        key: 'status',
        width: 80,
        render: (_: unknown, u: UserDetail) => <StatusTag user={u} />,
      },
      {
        title: t('users.lastLogin'),
        dataIndex: 'lastLoginAt',
        width: 160,
        render: (at: string | null) =>
          at ? formatTime(at, 'YYYY-MM-DD HH:mm') : <span className="hx-muted">{t('users.neverLoggedIn')}</span>,
      },
      ...(canWrite
        ? [
            {
              title: t('common.actions'),
              key: 'actions',
              width: 90,
              fixed: 'right' as const,
              render: (_: unknown, u: UserDetail) =>
                editable.includes(u.role) ? (
                  <Button
                    type="link"
                    size="small"
                    icon={<EditOutlined />}
                    data-testid={`user-edit-${u.username}`}
                    onClick={() => setDrawer({ mode: 'edit', user: u })}
                  >
                    {t('common.edit')}
                  </Button>
                ) : null,
            },
          ]
        : []),
    ],
    [t, lang, canWrite, editable],
  );

  const onSearch = (values: Filters) => {
    if (!update({ ...values, q: values.q?.trim(), pageSize: query.pageSize })) void list.refetch();
  };
  const onReset = () => {
    form.resetFields();
    update({ pageSize: query.pageSize });
  };

  return (
    <div data-testid="users-page">
      <PageHeader
        title={t('users.title')}
        description={t('users.description')}
        extra={
          canWrite ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setDrawer({ mode: 'create' })}
              data-testid="user-create"
            >
              {t('users.create')}
            </Button>
          ) : null
        }
      />
      <Card>
        <Form<Filters> form={form} layout="inline" className="hx-filter-bar" onFinish={onSearch}>
          <Form.Item name="q">
            <Input
              allowClear
              aria-label={t('users.keyword')}
              prefix={<SearchOutlined className="hx-muted" />}
              placeholder={t('users.keywordPlaceholder')}
              style={{ width: 220 }}
              maxLength={50}
              data-testid="users-filter-q"
            />
          </Form.Item>
          <Form.Item name="regionCode">
            <RegionSelect
              root={me.regionCode}
              allowClear
              placeholder={t('users.regionPlaceholder')}
              style={{ width: 220 }}
              testId="users-filter-region"
            />
          </Form.Item>
          <Form.Item name="role">
            <Select
              allowClear
              aria-label={t('users.role')}
              placeholder={t('users.rolePlaceholder')}
              style={{ width: 180 }}
              popupMatchSelectWidth={false}
              options={ROLES.map((r) => ({ value: r, label: labelOf(ROLE_LABELS, r, lang) }))}
              data-testid="users-filter-role"
            />
          </Form.Item>
          <Form.Item name="status">
            <Select
              allowClear
              aria-label={t('users.status')}
              placeholder={t('users.statusPlaceholder')}
              style={{ width: 140 }}
              options={[
                { value: 'active', label: t('users.statusActive') },
                { value: 'disabled', label: t('users.statusDisabled') },
              ]}
              data-testid="users-filter-status"
            />
          </Form.Item>
          <FilterActions onReset={onReset} testId="users" />
        </Form>

        {list.error ? (
          <div style={{ marginBottom: 16 }}>
            <ProblemAlert error={list.error} onRetry={() => void list.refetch()} testId="users-error" />
          </div>
        ) : null}

        <Table<UserDetail>
          rowKey="id"
          data-testid="users-table"
          size="middle"
          tableLayout="fixed"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          scroll={{ x: 980 }}
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={canWrite ? t('users.empty') : t('users.emptyReadOnly')}
              />
            ),
          }}
          pagination={listPagination(t, query, list.data, (page, pageSize) => update({ ...filters, page, pageSize }))}
        />
      </Card>
      <UserDrawer state={drawer} onClose={() => setDrawer(null)} />
    </div>
  );
}
