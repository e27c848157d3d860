import type { RegionNode } from '@hexie/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { endpoints, queryKeys } from '../api/endpoints';

/** The region tree (the whole province, or the subtree under `root`); it changes only with a release. */
export function useRegionTree(root?: string) {
  return useQuery({
    queryKey: queryKeys.regions(root),
    queryFn: ({ signal }) => endpoints.regions(root, signal),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: Number.POSITIVE_INFINITY,
  });
}

/** Region code -> name, from the whole tree (audit entries name regions by code). */
export function useRegionNames(): Map<string, string> {
  const { data } = useRegionTree();
  return useMemo(() => {
    const names = new Map<string, string>();
    const walk = (n: RegionNode) => {
      names.set(n.code, n.name);
      for (const c of n.children) walk(c);
    };
    if (data) walk(data);
    return names;
  }, [data]);
}

export interface RegionOption {
  value: string;
  title: string;
  statistical?: boolean;
  children: RegionOption[];
}

/** TreeSelect data for a region tree. */
export function regionOptions(node: RegionNode): RegionOption[] {
  const map = (n: RegionNode): RegionOption => ({
    value: n.code,
    title: n.name,
    ...(n.statistical ? { statistical: true } : {}),
    children: n.children.map(map),
  });
  return [map(node)];
}
