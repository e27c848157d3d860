import { Button, Popconfirm, Select, type SelectProps, Tag } from 'antd';
import { useTranslation } from 'react-i18next';

/** 已发布 / 草稿 */
export function PublishedTag({ published }: { published: boolean }) {
  const { t } = useTranslation();
  return published ? <Tag color="green">{t('guidance.published')}</Tag> : <Tag>{t('guidance.draft')}</Tag>;
}

/** 发布 / 撤回, confirmed first: either changes what the public sees at once. */
export function PublishButton({
  published,
  loading,
  onConfirm,
  testId,
}: {
  published: boolean;
  loading: boolean;
  onConfirm: () => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <Popconfirm
      title={published ? t('guidance.withdrawConfirm') : t('guidance.publishConfirm')}
      description={published ? t('guidance.withdrawText') : t('guidance.publishText')}
      okText={published ? t('guidance.withdraw') : t('guidance.publish')}
      cancelText={t('common.cancel')}
      onConfirm={onConfirm}
    >
      <Button type="link" size="small" danger={published} loading={loading} data-testid={testId}>
        {published ? t('guidance.withdraw') : t('guidance.publish')}
      </Button>
    </Popconfirm>
  );
}

/** 发布状态 filter of the administration lists: published, draft, or both (cleared). */
export function PublishedSelect(props: Omit<SelectProps<'true' | 'false'>, 'options'>) {
  const { t } = useTranslation();
  return (
    <Select<'true' | 'false'>
      allowClear
      placeholder={t('guidance.publication')}
      aria-label={t('guidance.publication')}
      style={{ width: 120 }}
      {...props}
      options={[
        { value: 'true', label: t('guidance.published') },
        { value: 'false', label: t('guidance.draft') },
      ]}
    />
  );
}
