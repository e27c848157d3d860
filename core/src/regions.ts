/** A region of the province's tree as the API returns it (GET /api/v1/regions). */
export interface RegionNode {
  /** 区划代码 (GB/T 2260, or an internal code where `nonStandard`) */
  code: string;
  /** 名称 */
  name: string;
  /** province 省 / prefecture 市州 / county 县区 */
  level: 'province' | 'prefecture' | 'county';
  /** 开发区等统计用区划 (71-series codes): statistical, not administrative */
  statistical?: boolean;
  /** 非国标代码 (长白山管委会) */
  nonStandard?: boolean;
  /** 省直管报送单位 (梅河口市): reports to the province rather than its prefecture */
  reportsToProvince?: boolean;
  children: RegionNode[];
}

export const PROVINCE_CODE = '220000';
/** 长白山管委会 has no GB/T 2260 code; this internal code is stable and marked non-standard. */
export const CHANGBAISHAN_CODE = '229900';
/** 梅河口市: coded under 通化 (220500), reports directly to the province. */
export const MEIHEKOU_CODE = '220581';

/** Every code in a subtree, root included. */
export function subtreeCodes(node: RegionNode): string[] {
  const out: string[] = [];
  const walk = (n: RegionNode) => {
    out.push(n.code);
    for (const c of n.children) walk(c);
  };
  walk(node);
  return out;
}

export function findRegion(root: RegionNode, code: string): RegionNode | undefined {
  if (root.code === code) return root;
  for (const c of root.children) {
    const hit = findRegion(c, code);
    if (hit) return hit;
  }
  return undefined;
}
