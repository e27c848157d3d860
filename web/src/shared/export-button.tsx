import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadFile, type QueryParams } from '../api/client';
import { problemText } from './problem-alert';

/** Hands a Blob to the browser as a download under `fileName`. */
function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The browser has taken the file once the click is handled; give it a moment before freeing the memory.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/**
 * 导出: downloads `path` (e.g. `/enterprises/export`) with the list's current filters as xlsx. The server streams
 * the file, masks personal data and audits the export. The file is fetched rather than opened as a plain link so
 * that a refusal (over the 200,000-row limit, no permission, session gone) shows the server's message instead of a
 * failed download; the button stays busy until the file is saved. Exports are capped, so the Blob stays modest.
 */
export function ExportButton({
  path,
  filters,
  testId,
  disabled,
  label,
  hint,
  fallbackName = 'export.xlsx',
}: {
  /** the export endpoint under /api/v1: `${basePath}/export` */
  path: string;
  /** the list's current filters (paging keys are ignored by the server) */
  filters: QueryParams;
  testId?: string;
  disabled?: boolean;
  /** the button's text and tooltip, for a file other than a list's xlsx (default: 导出 and the export hint) */
  label?: string;
  hint?: string;
  /** the name to save under when the server sends none */
  fallbackName?: string;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);

  const start = async () => {
    setBusy(true);
    try {
      const { blob, fileName } = await downloadFile(path, filters);
      saveBlob(blob, fileName ?? fallbackName);
    } catch (err) {
      void message.error({ content: problemText(err).detail, duration: 6 });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Tooltip title={hint ?? t('transfer.exportHint')}>
      <Button
        icon={<DownloadOutlined />}
        loading={busy}
        disabled={disabled}
        onClick={() => void start()}
        data-testid={testId}
      >
        {busy ? t('transfer.exporting') : (label ?? t('transfer.export'))}
      </Button>
    </Tooltip>
  );
}
