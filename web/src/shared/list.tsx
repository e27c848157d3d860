/** What every list page shares: the filter form's buttons and the table's pagination. */
import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Form, Space, type TablePaginationConfig } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';

/** Rows a page may show (the API allows at most 100). */
export const PAGE_SIZES = [10, 20, 50, 100];

/**
 * A list's pagination: the page sizes, "共 N 条" (or "超过 N 条，请缩小查询范围" when the server stopped
 * counting, `totalCapped`), and back to page 1 when the page size changes.
 */
export function listPagination(
  t: TFunction,
  query: { page?: number | undefined; pageSize?: number | undefined },
  data: { total: number; totalCapped?: boolean | undefined } | undefined,
  go: (page: number, pageSize: number) => void,
): TablePaginationConfig {
  const size = query.pageSize ?? 20;
  return {
    current: query.page ?? 1,
    pageSize: size,
    total: data?.total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: PAGE_SIZES,
    showTotal: (total) =>
      data?.totalCapped ? t('common.totalCapped', { total: total.toLocaleString() }) : t('common.total', { total }),
    onChange: (page, pageSize) => go(pageSize !== size ? 1 : page, pageSize),
  };
}

/** 查询 / 重置 at the end of a filter form (the form submits; reset is the page's). */
export function FilterActions({ onReset, testId }: { onReset: () => void; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Form.Item className="hx-filter-actions">
      <Space>
        <Button
          type="primary"
          htmlType="submit"
          icon={<SearchOutlined />}
          data-testid={testId ? `${testId}-search` : undefined}
        >
          {t('common.search')}
        </Button>
        <Button onClick={onReset} icon={<ReloadOutlined />} data-testid={testId ? `${testId}-reset` : undefined}>
          {t('common.reset')}
        </Button>
      </Space>
    </Form.Item>
  );
}

/** A list's query as the page's URL parameters: empty values, and values equal to `defaults`, left out. */
export function searchParamsOf<T extends object>(values: T, defaults: Partial<T> = {}): URLSearchParams {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined || v === null || v === '' || (defaults as Record<string, unknown>)[k] === v) continue;
    out.set(k, String(v));
  }
  return out;
}

/** A list's page and page size from its URL parameters: whole numbers from 1, at most 10,000 and 100; else 1 and 20. */
export function pageOfParams(params: URLSearchParams): { page: number; pageSize: number } {
  const int = (k: string, d: number, max: number) => {
    const n = Number(params.get(k));
    return Number.isInteger(n) && n >= 1 ? Math.min(n, max) : d;
  };
  return { page: int('page', 1, 10_000), pageSize: int('pageSize', PAGE_SIZES[1] as number, 100) };
}
