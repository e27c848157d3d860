import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Modal, Progress, Result, Space, Steps, Table, Upload } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, apiUrl } from '../api/client';
import { endpoints, type ImportResult } from '../api/endpoints';
import { formatTime } from './format';
import { ProblemAlert } from './problem-alert';

type Mode = 'validate' | 'commit';

/** The upload limit of the server's file guard (platform/import/guard.ts): checked here only to answer sooner. */
const MAX_FILE_MB = 20;
const ACCEPTED = ['xlsx', 'csv'];
const POLL_MS = 700;

/** The wizard was closed (or reopened) while a job ran: its late answer is dropped. */
class Superseded extends Error {}

/** Waits for a background import (202, queued/running) to finish, reporting progress 0..1. */
async function settle(
  result: ImportResult,
  onProgress: (p: number) => void,
  current: () => boolean,
): Promise<ImportResult> {
  let r = result;
  while (r.status === 'queued' || r.status === 'running') {
    onProgress(r.progress ?? 0);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    if (!current()) throw new Superseded();
    const rec = await endpoints.importRecord(r.importId);
    if (rec.status === 'failed' && rec.problem) {
      throw new ApiError({ status: 400, code: rec.problem.code, detail: rec.problem.detail });
    }
    r = rec;
  }
  return r;
}

/**
 * 导入向导: 1 download the template and choose a file, 2 check it (nothing is written) and see every row error by
 * row and column — choose a corrected file and check again, 3 import (all rows or none; only after a clean check).
 * Big files run in the background with a progress bar. Works against any ledger registered with the import engine
 * (POST `${basePath}/import?mode=validate|commit`, GET `${basePath}/import-template`, GET /imports/:id).
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
  /** the ledger's path under /api/v1, e.g. /enterprises */
  basePath: string;
  /** what is imported, as the page names it: 企业名录 → “导入企业名录” */
  title: string;
  /** after a successful import (refresh the list) */
  onCommitted?: (r: ImportResult) => void;
}) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const [checked, setChecked] = useState<ImportResult | null>(null);
  const [done, setDone] = useState<ImportResult | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  // Bumped on every open and close: a job's answer for an earlier session of the wizard is ignored.
  const session = useRef(0);

  useEffect(() => {
    session.current += 1;
    if (open) {
      setFile(null);
      setRefused(null);
      setChecked(null);
      setDone(null);
      setProgress(null);
    }
  }, [open]);

  const run = useMutation({
    mutationFn: async ({ f, mode }: { f: File; mode: Mode }) => {
      const mine = session.current;
      const current = () => session.current === mine;
      setProgress(null);
      const first = await endpoints.importFile(basePath, f, mode);
      const r = await settle(first, setProgress, current);
      if (!current()) throw new Superseded();
      return r;
    },
    onSuccess: (r) => {
      setProgress(null);
      if (r.mode === 'validate') {
        setChecked(r);
        return;
      }
      setDone(r);
      if (r.status === 'succeeded') onCommitted?.(r);
      // A commit refused for errors (the data changed since the check) shows them like a check does.
      else setChecked(r);
    },
    onError: () => setProgress(null),
  });

  const choose = (f: File): boolean => {
    const ext = f.name.toLowerCase().split('.').pop() ?? '';
    run.reset();
    setChecked(null);
    setDone(null);
    if (!ACCEPTED.includes(ext)) {
      setRefused(t('transfer.wrongType'));
      setFile(null);
    } else if (f.size > MAX_FILE_MB * 1024 * 1024) {
      setRefused(t('transfer.tooBig', { max: MAX_FILE_MB }));
      setFile(null);
    } else {
      setRefused(null);
      setFile(f);
    }
    return false;
  };

  const succeeded = done?.status === 'succeeded';
  const clean = !!checked && checked.errors.length === 0 && checked.rejected === 0;
  const step = succeeded ? 2 : checked ? 1 : 0;
  const busy = run.isPending;
  const error = run.error instanceof Superseded ? null : run.error;

  const checkSummary = (r: ImportResult) => (
    <Descriptions size="small" column={3} bordered data-testid="import-summary">
      <Descriptions.Item label={t('transfer.rows')}>{r.rows}</Descriptions.Item>
      <Descriptions.Item label={t('transfer.passed')}>{r.rows - r.rejected}</Descriptions.Item>
      <Descriptions.Item label={t('transfer.rejected')}>
        <span style={{ color: r.rejected ? '#cf1322' : undefined, fontWeight: r.rejected ? 600 : undefined }}>
          {r.rejected}
        </span>
      </Descriptions.Item>
    </Descriptions>
  );

  const doneSummary = (r: ImportResult) => (
    <Descriptions size="small" column={4} bordered data-testid="import-summary">
      <Descriptions.Item label={t('transfer.rows')}>{r.rows}</Descriptions.Item>
      <Descriptions.Item label={t('transfer.created')}>{r.created}</Descriptions.Item>
      <Descriptions.Item label={t('transfer.updated')}>{r.updated}</Descriptions.Item>
      <Descriptions.Item label={t('transfer.unchanged')}>{r.unchanged}</Descriptions.Item>
    </Descriptions>
  );

  const footer = succeeded ? (
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
          loading={busy && run.variables?.mode === 'commit'}
          onClick={() => file && run.mutate({ f: file, mode: 'commit' })}
          data-testid="import-commit"
        >
          {t('transfer.commit')}
        </Button>
      ) : (
        <Button
          type="primary"
          disabled={!file}
          loading={busy}
          onClick={() => file && run.mutate({ f: file, mode: 'validate' })}
          data-testid="import-validate"
        >
          {t('transfer.validate')}
        </Button>
      )}
    </Space>
  );

  return (
    <Modal
      open={open}
      onCancel={onClose}
      width={880}
      title={t('transfer.importTitle', { title })}
      destroyOnHidden
      mask={{ closable: false }}
      data-testid="import-wizard"
      footer={footer}
    >
      <Steps
        size="small"
        current={step}
        status={checked && !clean && !succeeded ? 'error' : 'process'}
        style={{ marginBottom: 20 }}
        items={[
          { title: t('transfer.stepFile') },
          { title: t('transfer.stepCheck') },
          { title: t('transfer.stepDone') },
        ]}
      />
      {succeeded && done ? (
        <Result
          status="success"
          title={t('transfer.done', { created: done.created, updated: done.updated, unchanged: done.unchanged })}
          extra={doneSummary(done)}
          data-testid="import-done"
        />
      ) : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Alert
            type="info"
            showIcon
            title={t('transfer.templateHint')}
            action={
              <Button
                size="small"
                icon={<DownloadOutlined />}
                href={apiUrl(`${basePath}/import-template`)}
                download
                data-testid="import-template"
              >
                {t('transfer.template')}
              </Button>
            }
          />
          <Upload.Dragger
            accept=".xlsx,.csv"
            maxCount={1}
            disabled={busy}
            beforeUpload={choose}
            onRemove={() => {
              setFile(null);
              setChecked(null);
              run.reset();
            }}
            fileList={file ? [{ uid: 'file', name: file.name, status: 'done', size: file.size }] : []}
            data-testid="import-file"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{checked ? t('transfer.revalidate') : t('transfer.drop')}</p>
            <p className="ant-upload-hint">{t('transfer.dropHint')}</p>
          </Upload.Dragger>
          {refused ? <Alert type="error" showIcon title={refused} data-testid="import-refused" /> : null}
          {progress !== null ? (
            <Progress
              percent={Math.round(progress * 100)}
              status="active"
              format={(p) => t('transfer.progress', { percent: p })}
              data-testid="import-progress"
            />
          ) : null}
          {error ? <ProblemAlert error={error} testId="import-error" /> : null}
          {done?.status === 'failed' ? (
            <Alert type="error" showIcon title={t('transfer.failed')} data-testid="import-failed" />
          ) : null}
          {checked ? (
            <>
              {checkSummary(checked)}
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
                    pagination={{ pageSize: 8, hideOnSinglePage: true, showSizeChanger: false }}
                    data-testid="import-errors"
                    columns={[
                      { title: t('transfer.row'), dataIndex: 'row', width: 80 },
                      { title: t('transfer.column'), dataIndex: 'column', width: 180 },
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
