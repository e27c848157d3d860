import { CheckCircleFilled, CloseCircleFilled, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { ATTACHMENT_RULES } from '@hexie/core';
import { useMutation } from '@tanstack/react-query';
import { App, Button, List, Typography, Upload, type UploadFile } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { caseFileApi } from '../../api/mediation-file';

const MB = ATTACHMENT_RULES.publicMaxBytes / 1024 / 1024;
const ACCEPT = '.jpg,.jpeg,.png,.pdf';

/** What happened to each chosen file once the application went in. */
export interface EvidenceResult {
  name: string;
  ok: boolean;
  error?: string;
}

/** Checks a chosen file before it is kept: the size and the kind the server accepts (the server checks the content). */
function refusal(file: File, t: TFunction): string | null {
  if (!/\.(jpe?g|png|pdf)$/i.test(file.name)) return t('mediationPublic.evidenceType', { name: file.name });
  if (file.size > ATTACHMENT_RULES.publicMaxBytes)
    return t('mediationPublic.evidenceTooLarge', { name: file.name, mb: MB });
  return null;
}

/** 证据材料 chosen with the application: kept in the page and sent once the application has its tracking code. */
export function EvidencePicker({ files, onChange }: { files: File[]; onChange: (files: File[]) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const list: UploadFile[] = files.map((f, i) => ({ uid: `${i}-${f.name}`, name: f.name, status: 'done' }));
  return (
    <div data-testid="mediation-evidence">
      <Upload
        accept={ACCEPT}
        multiple
        fileList={list}
        beforeUpload={(file, batch) => {
          const why = refusal(file, t);
          if (why) {
            message.error(why);
            return Upload.LIST_IGNORE;
          }
          // antd calls this once per file of a batch: keep the batch's accepted files in one change.
          if (file === batch[batch.length - 1]) {
            const ok = batch.filter((f) => !refusal(f, t));
            const next = [...files, ...ok].slice(0, ATTACHMENT_RULES.publicMaxFiles);
            if (files.length + ok.length > ATTACHMENT_RULES.publicMaxFiles) {
              message.warning(t('mediationPublic.evidenceMax', { max: ATTACHMENT_RULES.publicMaxFiles }));
            }
            onChange(next);
          }
          return false;
        }}
        onRemove={(f) => {
          onChange(files.filter((_, i) => `${i}-${files[i]?.name}` !== f.uid));
          return true;
        }}
      >
        <Button icon={<PaperClipOutlined />} disabled={files.length >= ATTACHMENT_RULES.publicMaxFiles}>
          {t('mediationPublic.evidenceChoose')}
        </Button>
      </Upload>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('mediationPublic.evidenceHint', { max: ATTACHMENT_RULES.publicMaxFiles, mb: MB })}
      </Typography.Text>
    </div>
  );
}

/** Sends the chosen files one after another with the tracking code and phone; a refusal stops only that file. */
export async function sendEvidence(code: string, phone: string, files: File[]): Promise<EvidenceResult[]> {
  const results: EvidenceResult[] = [];
  for (const f of files) {
    try {
      await caseFileApi.publicAttach(code, phone, f);
      results.push({ name: f.name, ok: true });
    } catch (err) {
      results.push({ name: f.name, ok: false, error: err instanceof ApiError ? err.problem.detail : String(err) });
    }
  }
  return results;
}

export function EvidenceResults({ results }: { results: EvidenceResult[] }) {
  const { t } = useTranslation();
  if (results.length === 0) return null;
  return (
    <List
      size="small"
      header={t('mediationPublic.evidenceSent')}
      style={{ maxWidth: 420, margin: '12px auto', textAlign: 'left' }}
      dataSource={results}
      data-testid="mediation-evidence-results"
      renderItem={(r) => (
        <List.Item>
          <span style={{ wordBreak: 'break-all' }}>
            {r.ok ? (
              <CheckCircleFilled style={{ color: '#52c41a' }} />
            ) : (
              <CloseCircleFilled style={{ color: '#ff4d4f' }} />
            )}{' '}
            {r.name}
            {r.error ? <div className="hx-muted">{r.error}</div> : null}
          </span>
        </List.Item>
      )}
    />
  );
}

/** While the application awaits acceptance the applicant may add evidence from the lookup. */
export function EvidenceAdd({ code, phone }: { code: string; phone: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const send = useMutation({
    mutationFn: (f: File) => caseFileApi.publicAttach(code, phone, f),
    onSuccess: (r) => message.success(t('mediationPublic.evidenceAdded', { name: r.fileName, n: r.files })),
    onError: (err) => message.error(err instanceof ApiError ? err.problem.detail : String(err)),
  });
  return (
    <div style={{ marginTop: 12 }} data-testid="mediation-evidence-add">
      <Upload
        accept={ACCEPT}
        showUploadList={false}
        beforeUpload={(file) => {
          const why = refusal(file, t);
          if (why) message.error(why);
          else send.mutate(file);
          return false;
        }}
      >
        <Button icon={<UploadOutlined />} loading={send.isPending}>
          {t('mediationPublic.evidenceMore')}
        </Button>
      </Upload>
      <div className="hx-muted" style={{ fontSize: 12, marginTop: 4 }}>
        {t('mediationPublic.evidenceHint', { max: ATTACHMENT_RULES.publicMaxFiles, mb: MB })}
      </div>
    </div>
  );
}
