import { useQuery } from '@tanstack/react-query';
import { Select, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../api/endpoints';

interface Props {
  value?: string | null | undefined;
  onChange?: ((value: string | null) => void) | undefined;
  /** the name to show for the current value before any search (an edit form) */
  initialLabel?: string | null | undefined;
  placeholder?: string;
  style?: React.CSSProperties;
  testId?: string;
  id?: string;
}

/** 企业选择: search the register (name or credit code, any part) within the caller's region. */
export function EnterprisePicker({ value, onChange, initialLabel, placeholder, style, testId, id }: Props) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const h = setTimeout(() => setDebounced(q.trim()), 300);
    return () => clearTimeout(h);
  }, [q]);
  const found = useQuery({
    queryKey: ['enterprises', 'picker', debounced],
    queryFn: ({ signal }) => endpoints.enterprises({ q: debounced || undefined, page: 1, pageSize: 20 }, signal),
  });
  const options = (found.data?.items ?? []).map((e) => ({ value: e.id, label: `${e.name}（${e.creditCode}）` }));
  if (value && initialLabel && !options.some((o) => o.value === value)) options.unshift({ value, label: initialLabel });
  return (
    <Select
      id={id}
      data-testid={testId}
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      allowClear
      placeholder={placeholder ?? t('enterprises.keywordPlaceholder')}
      notFoundContent={found.isFetching ? <Spin size="small" /> : t('enterprises.emptyReadOnly')}
      options={options}
      style={style}
      popupMatchSelectWidth={false}
    />
  );
}
