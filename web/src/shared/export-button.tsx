import { DownloadOutlined } from '@ant-design/icons';
import { Button, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiUrl, type QueryParams } from '../api/client';

/**
 * 导出: downloads `${path}` with the list's current filters. A plain link: GET needs no CSRF token and the session
 * cookie goes along; the server streams the file, masks personal data and audits the export.
 */
export function ExportButton({ path, filters, testId }: { path: string; filters: QueryParams; testId?: string }) {
  const { t } = useTranslation();
  const [starting, setStarting] = useState(false);
  return (
    <Tooltip title={t('transfer.exportHint')}>
      <Button
        icon={<DownloadOutlined />}
        href={apiUrl(path, filters)}
        download
        loading={starting}
        data-testid={testId}
        onClick={() => {
          setStarting(true);
          setTimeout(() => setStarting(false), 1500);
        }}
      >
        {t('transfer.export')}
      </Button>
    </Tooltip>
  );
}
