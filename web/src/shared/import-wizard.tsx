import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Modal, Progress, Result, Space, Steps, Table, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, apiUrl } from '../api/client';
import { endpoints, type ImportResult } from '../api/endpoints';
import { formatTime } from './format';
import { ProblemAlert } from './problem-alert';

type Mode = 'validate' | 'commit';

/** Waits for a background import (202, status queued) to finish, reporting progress. */
async function settle(result: ImportResult, onProgress: (p: number) => void): Promise<ImportResult> {
  let r = result;
  while (r.status === 'queued' || r.status === 'running') {
    onProgress(r.progress ?? 0);
    await new Promise((resolve) => setTimeout(resolve, 700));
    const rec = await endpoints.importRecord(r.importId);
    if (rec.status === 'failed' && rec.problem) {
      throw new ApiError({ status: 400, code: rec.problem.code, detail: rec.problem.detail });
    }
    r = rec;
  }
  return r;
}

/**
 * 导入向导: download the template, choose a file, check it (nothing is written) and see every row error, then
 * import (all rows or none). Big files run in the background with a progress bar.
 */
export function ImportWizard({
  open,
  onClose,
  basePath,
  title,
  onCommitted,
}: {
  open: boolean;
  onClose: () => void;
  /** e.g. /enterprises: POST {basePath}/import and GET {basePath}/import-template */
  basePath: string;
  title: string;
  onCommitted?: (r: ImportResult) => void;
}) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<ImportResult | null>(null);
  const [done, setDone] = useState<ImportResult | null>(null);
  const [progress, setProgress] = useState<number | null>(null);

  useEffect(() => {
    if (open) {
      setFile(null);
      setChecked(null);
      setDone(null);
      setProgress(null);
    }
  }, [open]);

  const run = useMutation({
    mutationFn: async ({ f, mode }: { f: File; mode: Mode }) => {
      setProgress(null);
      const first = await endpoints.importFile(basePath, f, mode);
      return settle(first, setProgress);
    },
    onSuccess: (r) => {
      setProgress(null);
      if (r.mode === 'validate') setChecked(r);
      else {
        setDone(r);
        if (r.status === 'succeeded') onCommitted?.(r);
        else setChecked(r);
      }
    },
    onError: () => setProgress(null),
  });

  const step = done?.status === 'succeeded' ? 2 : checked ? 1 : 0;
  const clean = checked && checked.errors.length === 0 && checked.rejected === 0;

  const summary = (r: ImportResult) => (
    <Descriptions size="small" column={5} bordered data-testid="import-summary">
      <Descriptions.Item label={t('transfer.rows')}>{r.rows}</Descriptions.Item>
      <Descriptions.Item label={r.mode === 'commit' ? t('transfer.created') : t('transfer.willCreate')}>
        {r.mode === 'commit' ? r.created : '—'}
      </Descriptions.Item>
      <Descriptions.Item label={r.mode === 'commit' ? t('transfer.updated') : t('transfer.willUpdate')}>
        {r.mode === 'commit' ? r.updated : '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('transfer.unchanged')}>{r.mode === 'commit' ? r.unchanged : '—'}</Descriptions.Item>
      <Descriptions.Item label={t('transfer.rejected')}>
        <span style={{ color: r.rejected ? '#cf1322' : undefined }}>{r.rejected}</span>
      </Descriptions.Item>
    </Descriptions>
  );

  return (
    <Modal
      open={open}
      onCancel={onClose}
      width={880}
      title={t('transfer.importTitle', { title })}
      destroyOnHidden
      maskClosable={false}
      data-testid="import-wizard"
      footer={
        done?.status === 'succeeded' ? (
          <Button type="primary" onClick={onClose} data-testid="import-close">
            {t('transfer.close')}
          </Button>
        ) : (
          <Space>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            {checked ? (
              <Button
                type="primary"
                disabled={!clean || !file}
                loading={run.isPending && run.variables?.mode === 'commit'}
                onClick={() => file && run.mutate({ f: file, mode: 'commit' })}
                data-testid="import-commit"
              >
                {t('transfer.commit')}
              </Button>
            ) : (
              <Button
                type="primary"
                disabled={!file}
                loading={run.isPending}
                onClick={() => file && run.mutate({ f: file, mode: 'validate' })}
                data-testid="import-validate"
              >
                {t('transfer.validate')}
              </Button>
            )}
          </Space>
        )
      }
    >
      <Steps
        size="small"
        current={step}
        style={{ marginBottom: 20 }}
        items={[
          { title: t('transfer.stepFile') },
          { title: t('transfer.stepCheck') },
          { title: t('transfer.stepDone') },
        ]}
      />
      {done?.status === 'succeeded' ? (
        <Result
          status="success"
          title={t('transfer.done', { created: done.created, updated: done.updated, unchanged: done.unchanged })}
          extra={summary(done)}
          data-testid="import-done"
        />
      ) : (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Alert
            type="info"
            showIcon
            title={t('transfer.templateHint')}
            action={
              <a href={apiUrl(`${basePath}/import-template`)} download data-testid="import-template">
                <Button size="small" icon={<DownloadOutlined />}>
                  {t('transfer.template')}
                </Button>
              </a>
            }
          />
          <Upload.Dragger
            accept=".xlsx,.csv"
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              setChecked(null);
              setDone(null);
              run.reset();
              return false;
            }}
            onRemove={() => {
              setFile(null);
              setChecked(null);
            }}
            fileList={file ? [{ uid: 'file', name: file.name, status: 'done' }] : []}
            data-testid="import-file"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('transfer.drop')}</p>
            <p className="ant-upload-hint">{t('transfer.dropHint')}</p>
          </Upload.Dragger>
          {progress !== null ? (
            <Progress
              percent={Math.round(progress * 100)}
              status="active"
              format={(p) => t('transfer.progress', { percent: p })}
            />
          ) : null}
          {run.error ? <ProblemAlert error={run.error} testId="import-error" /> : null}
          {done?.status === 'failed' ? <Alert type="error" showIcon title={t('transfer.failed')} /> : null}
          {checked ? (
            <>
              {summary(checked)}
              {checked.previousCommit ? (
                <Alert
                  type="warning"
                  showIcon
                  title={t('transfer.previous', {
                    time: formatTime(checked.previousCommit.at, 'YYYY-MM-DD HH:mm'),
                    by: checked.previousCommit.by,
                  })}
                  data-testid="import-previous"
                />
              ) : null}
              {clean ? (
                <Alert type="success" showIcon title={t('transfer.ok')} data-testid="import-ok" />
              ) : (
                <>
                  <Alert
                    type="error"
                    showIcon
                    title={t('transfer.errorsTitle', { count: checked.rejected })}
                    description={checked.errorsTruncated ? t('transfer.errorsTruncated') : undefined}
                  />
                  <Table
                    size="small"
                    rowKey={(e) => `${e.row}-${e.column}-${e.code}`}
                    dataSource={checked.errors}
                    pagination={{ pageSize: 8, hideOnSinglePage: true }}
                    data-testid="import-errors"
                    columns={[
                      { title: t('transfer.row'), dataIndex: 'row', width: 70 },
                      { title: t('transfer.column'), dataIndex: 'column', width: 160 },
                      { title: t('transfer.problem'), dataIndex: 'message' },
                    ]}
                  />
                </>
              )}
            </>
          ) : null}
        </Space>
      )}
    </Modal>
  );
}
