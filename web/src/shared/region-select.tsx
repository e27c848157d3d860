import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { regionOptions, useRegionTree } from './regions';

interface Props {
  /** the subtree to choose from (the user's own region) */
  root: string;
  value?: string | undefined;
  onChange?: ((value: string | undefined) => void) | undefined;
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  style?: React.CSSProperties;
  testId?: string;
  id?: string;
}

/** 区划选择: a searchable tree of the regions under `root`, development zones marked. */
export function RegionSelect({ root, value, onChange, placeholder, allowClear, disabled, style, testId, id }: Props) {
  const { t } = useTranslation();
  const { data, isPending } = useRegionTree(root);
  const treeData = useMemo(() => (data ? regionOptions(data) : []), [data]);
  return (
    <TreeSelect
      id={id}
      data-testid={testId}
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      treeData={treeData}
      loading={isPending}
      placeholder={placeholder}
      allowClear={allowClear}
      disabled={disabled}
      style={style}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandedKeys={[root]}
      popupMatchSelectWidth={false}
      treeTitleRender={(node) =>
        node.statistical ? (
          <span>
            {String(node.title)} <span className="hx-muted">· {t('home.statistical')}</span>
          </span>
        ) : (
          String(node.title)
        )
      }
    />
  );
}
