import { type IndustryNode, industryTree } from '@hexie/core';
import { TreeSelect } from 'antd';
import { useMemo } from 'react';

interface Option {
  value: string;
  title: string;
  children?: Option[];
}

let options: Option[] | undefined;

/** GB/T 4754-2017 as TreeSelect data, built once from core (the table the server checks against). */
function industryOptions(): Option[] {
  const map = (n: IndustryNode): Option => ({
    value: n.code,
    title: `${n.code} ${n.name}`,
    ...(n.children.length ? { children: n.children.map(map) } : {}),
  });
  options ??= industryTree().map(map);
  return options;
}

interface Props {
  value?: string | undefined;
  onChange?: ((value: string | undefined) => void) | undefined;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
  testId?: string;
  id?: string;
}

/** 行业选择: a searchable tree of sections, divisions, groups and classes; any level may be chosen. */
export function IndustrySelect({ value, onChange, placeholder, allowClear, style, testId, id }: Props) {
  const treeData = useMemo(industryOptions, []);
  return (
    <TreeSelect
      id={id}
      data-testid={testId}
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      treeData={treeData}
      placeholder={placeholder}
      allowClear={allowClear}
      style={style}
      showSearch={{ treeNodeFilterProp: 'title' }}
      popupMatchSelectWidth={false}
      listHeight={360}
    />
  );
}
