import type { CreateQaBody, Qa, UpdateQaBody } from '@hexie/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Drawer, Form, Input, Select, Switch } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { guidanceApi, guidanceKeys } from '../../api/guidance';
import { DrawerFooter } from '../../shared/drawer-footer';
import { changedFields } from '../../shared/format';
import { showFieldErrors } from '../../shared/forms';
import { ProblemAlert } from '../../shared/problem-alert';

interface Values {
  question: string;
  answer: string;
  tags?: string[];
  policyIds?: string[];
  published?: boolean;
}
const FIELDS = new Set(['question', 'answer', 'tags', 'policyIds', 'published']);

export type QaDrawerState = { mode: 'create' } | { mode: 'edit'; qa: Qa } | null;

/** Pick policies of the library by any part of their title or 文号 (staff see drafts too). */
function PolicyPicker({
  value,
  onChange,
  initial,
}: {
  value?: string[];
  onChange?: (v: string[]) => void;
  initial: { id: string; title: string }[];
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const h = setTimeout(() => setDebounced(q.trim()), 250);
    return () => clearTimeout(h);
  }, [q]);
  const found = useQuery({
    queryKey: guidanceKeys.staffPolicies({ q: debounced, page: 1, pageSize: 20 }),
    queryFn: ({ signal }) => guidanceApi.policies({ q: debounced || undefined, page: 1, pageSize: 20 }, signal),
  });
  const [known, setKnown] = useState(() => new Map(initial.map((p) => [p.id, p.title])));
  useEffect(() => {
    if (!found.data) return;
    setKnown((m) => {
      const next = new Map(m);
      for (const p of found.data.items) next.set(p.id, p.title);
      return next;
    });
  }, [found.data]);
  const options = useMemo(() => {
    const ids = new Set([...(value ?? []), ...(found.data?.items ?? []).map((p) => p.id)]);
    return [...ids].map((id) => ({ value: id, label: known.get(id) ?? id }));
  }, [value, found.data, known]);
  return (
    <Select
      mode="multiple"
      value={value}
      onChange={onChange}
      showSearch={{ filterOption: false, onSearch: setQ }}
      loading={found.isFetching}
      options={options}
      maxCount={10}
      placeholder={t('guidance.policyPickerPlaceholder')}
      notFoundContent={found.isFetching ? t('common.loading') : t('guidance.noMatch')}
      data-testid="qa-form-policies"
    />
  );
}

/** 新增 / 编辑问答: the question, a plain answer, and the policies it rests on. */
export function QaDrawer({ state, onClose }: { state: QaDrawerState; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const editing = state?.mode === 'edit' ? state.qa : null;

  useEffect(() => {
    if (!state) return;
    setError(null);
    form.resetFields();
    if (state.mode === 'edit') {
      const x = state.qa;
      form.setFieldsValue({
        question: x.question,
        answer: x.answer,
        tags: x.tags,
        policyIds: x.policies.map((p) => p.id),
        published: x.published,
      });
    } else form.setFieldsValue({ tags: [], policyIds: [], published: false });
  }, [state, form]);

  const save = useMutation({
    mutationFn: async (v: Values): Promise<Qa | null> => {
      const body: CreateQaBody = {
        question: v.question.trim(),
        answer: v.answer.trim(),
        tags: (v.tags ?? []).map((x) => x.trim()).filter(Boolean),
        policyIds: v.policyIds ?? [],
        published: !!v.published,
      };
      if (!editing) return guidanceApi.createQa(body);
      const was = { ...editing, policyIds: editing.policies.map((p) => p.id) };
      const changed = changedFields(was, body);
      if (Object.keys(changed).length === 0) return null;
      const patch: UpdateQaBody = { ...changed, version: editing.version };
      return guidanceApi.updateQa(editing.id, patch);
    },
    onSuccess: (saved) => {
      if (!saved) void message.info(t('guidance.noChanges'));
      else {
        void message.success(t(editing ? 'guidance.qaUpdated' : 'guidance.qaCreated'));
        void qc.invalidateQueries({ queryKey: guidanceKeys.all });
      }
      onClose();
    },
    onError: (err) => {
      setError(showFieldErrors(form, err, FIELDS) ? null : err);
    },
  });

  return (
    <Drawer
      open={!!state}
      onClose={onClose}
      size={640}
      destroyOnHidden
      title={editing ? t('guidance.editQa') : t('guidance.createQa')}
      data-testid="qa-drawer"
      footer={
        <DrawerFooter onCancel={onClose} onSubmit={() => form.submit()} loading={save.isPending} testId="qa-submit" />
      }
    >
      {error ? (
        <div style={{ marginBottom: 16 }}>
          <ProblemAlert error={error} title={t('guidance.saveFailed')} testId="qa-form-error" />
        </div>
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        onValuesChange={() => error && setError(null)}
      >
        <Form.Item
          name="question"
          label={t('guidance.question')}
          rules={[{ required: true, whitespace: true, message: t('guidance.questionRequired') }]}
        >
          <Input.TextArea rows={2} maxLength={300} showCount data-testid="qa-form-question" />
        </Form.Item>
        <Form.Item
          name="answer"
          label={t('guidance.answer')}
          extra={t('guidance.answerHint')}
          rules={[{ required: true, whitespace: true, message: t('guidance.answerRequired') }]}
        >
          <Input.TextArea rows={8} data-testid="qa-form-answer" />
        </Form.Item>
        <Form.Item name="policyIds" label={t('guidance.relatedPolicies')}>
          <PolicyPicker initial={editing?.policies ?? []} />
        </Form.Item>
        <Form.Item name="tags" label={t('guide.tags')} extra={t('guidance.tagsHint')}>
          <Select mode="tags" tokenSeparators={[',', '，', '、']} maxCount={10} open={false} suffixIcon={null} />
        </Form.Item>
        <Form.Item
          name="published"
          label={t('guidance.publishNow')}
          valuePropName="checked"
          extra={t('guidance.publishHint')}
        >
          <Switch data-testid="qa-form-published" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
