import { Button, Space } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The footer of every form drawer: 取消 and the primary action (保存 unless told otherwise), right-aligned.
 * The primary button submits the drawer's form through `onSubmit`.
 */
export function DrawerFooter({
  onCancel,
  onSubmit,
  loading,
  disabled,
  label,
  icon,
  testId,
  cancelTestId,
}: {
  onCancel: () => void;
  onSubmit: () => void;
  loading: boolean;
  disabled?: boolean;
  label?: string;
  icon?: ReactNode;
  testId?: string;
  cancelTestId?: string;
}) {
  const { t } = useTranslation();
  return (
    <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
      <Button onClick={onCancel} data-testid={cancelTestId}>
        {t('common.cancel')}
      </Button>
      <Button type="primary" icon={icon} loading={loading} disabled={disabled} onClick={onSubmit} data-testid={testId}>
        {label ?? t('common.save')}
      </Button>
    </Space>
  );
}
