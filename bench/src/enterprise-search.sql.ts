/**
 * The repository's enterprise list SQL (whereOf + listEnterprises in
 * server/src/modules/enterprises/enterprises.repository.ts) for the filters the benchmark uses (q, region
 * subtree, industry section or code prefix), copied so the baseline does not go through the project's code.
 * The benchmark checks before measuring that the bare route built on it answers exactly what the API answers,
 * so a drift in the repository shows up.
 */

import { industrySection, normaliseCode, PROVINCE_CODE } from '@hexie/core';
import type { Regions } from '../../server/src/platform/regions.js';

/** LIST_COUNT_CAP and SEARCH_COUNT_CAP of @hexie/core: a list counts up to this many and says "more than". */
export const COUNT_CAP = 10_000;
export const SEARCH_CAP = 1_000;
export const capOf = (filter: SearchFilter) => (filter.q ? SEARCH_CAP : COUNT_CAP);

const COLUMNS = `e.id, e.credit_code, e.name, e.region_code, e.industry_code, e.ownership, e.employees, e.revenue,
  e.assets, e.size_class, e.registered_on, e.address, e.legal_representative, e.contact_name, e.contact_phone,
  e.source, e.credit_code_override_reason, e.version, e.created_at, e.updated_at`;

export interface SearchFilter {
  /** region codes searched: the caller's scope, or the subtree of a region in it */
  regionCodes: readonly string[];
  /** the codes are the whole province: no region test */
  wholeProvince?: boolean;
  /** their token in the grams, for a text search */
  regionToken?: { token: string; exact: boolean } | undefined;
  q?: string | undefined;
  /** grams in more than 1% of the rows, from pg_stats (commonGramsQuery) */
  commonGrams?: ReadonlySet<string> | undefined;
  industryCode?: string | undefined;
}

/** The statistics the repository's commonGrams reads, and its 1% threshold. */
export const COMMON_GRAMS_SQL = `SELECT most_common_elems::text::text[] AS elems, most_common_elem_freqs AS freqs
  FROM pg_stats WHERE schemaname = current_schema() AND tablename = 'enterprises' AND attname = 'grams'`;
export const commonGramsOf = (row: { elems: string[] | null; freqs: number[] | null } | undefined) =>
  new Set((row?.elems ?? []).filter((_, i) => (row?.freqs?.[i] ?? 0) > 0.01));

function commonPairsOf(q: string, common: ReadonlySet<string>): string[] {
  const chars = [...q.trim().toUpperCase()];
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i += 1) {
    const pair = `${chars[i]}${chars[i + 1]}`;
    if (!/\s/.test(pair)) pairs.add(pair);
  }
  return [...pairs].filter((p) => common.has(p));
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** WHERE clause and parameters, built exactly as whereOf builds them. */
export function whereOf(filter: SearchFilter): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const add = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where: string[] = [];
  const q = filter.q?.trim().toUpperCase();
  const code = q ? normaliseCode(q) : '';
  const wholeCode = /^[0-9A-Z]{18}$/.test(code);
  const token = q && !wholeCode && !filter.wholeProvince ? filter.regionToken : undefined;
  if (!filter.wholeProvince && !token?.exact) where.push(`e.region_code = ANY(${add(filter.regionCodes)}::text[])`);
  const industry = filter.industryCode?.toUpperCase();
  const isSection = !!industry && /^[A-T]$/.test(industry);
  const section = q && !wholeCode && industry ? (isSection ? industry : industrySection(industry)) : undefined;
  const tokens = [token?.token, section ? `#${section}#` : undefined].filter((t): t is string => !!t);
  if (wholeCode) where.push(`e.credit_code = ${add(code)}`);
  else if (q) {
    const exact = [...q].length <= 2 && !/\s/.test(q);
    const common = exact ? [] : commonPairsOf(q, filter.commonGrams ?? new Set());
    const asked = common.length ? `hx_query_grams(${add(q)}, ${add(common)}::text[])` : `hx_query_grams(${add(q)})`;
    const grams = tokens.length ? `e.grams @> (${asked} || ${add(tokens)}::text[])` : `e.grams @> ${asked}`;
    if (exact) where.push(grams);
    else {
      const like = add(`%${escapeLike(q)}%`);
      where.push(`${grams} AND (upper(e.name) LIKE ${like} OR e.credit_code LIKE ${like})`);
    }
  }
  if (industry && !(isSection && section)) {
    where.push(isSection ? `e.industry_section = ${add(industry)}` : `e.industry_code LIKE ${add(`${industry}%`)}`);
  }
  return { sql: where.length ? where.join(' AND ') : 'true', params };
}

/** The region token of the codes in the grams, and whether it is exact (regionToken of the repository). */
export function regionToken(
  codes: readonly string[],
  all: readonly string[],
): { token: string; exact: boolean } | undefined {
  const [first] = codes;
  if (!first) return undefined;
  const region = codes.length === 1 ? first : `${first.slice(0, 4)}00`;
  const carries = (c: string) => c === region || (region.endsWith('00') && c.startsWith(region.slice(0, 4)));
  if (!codes.every(carries)) return undefined;
  const inScope = new Set(codes);
  return { token: `@${region}`, exact: all.filter(carries).every((c) => inScope.has(c)) };
}

/**
 * The filter of a list request as the service builds it (regionFilterOf): the caller's scope or the subtree of the
 * region asked for (none when it is outside the scope), whether that is the whole province, and its token.
 */
export function searchFilterOf(
  regions: Regions,
  scopeRoot: string,
  query: { regionCode?: string | undefined; q?: string | undefined; industryCode?: string | undefined },
  commonGrams?: ReadonlySet<string>,
): SearchFilter {
  const scope = regions.scopeOf(scopeRoot);
  const regionCode = query.regionCode;
  const regionCodes = !regionCode ? scope.codes : scope.includes(regionCode) ? regions.scopeOf(regionCode).codes : [];
  return {
    regionCodes,
    wholeProvince: !regionCode && scope.root === PROVINCE_CODE,
    regionToken: regionToken(regionCodes, regions.scopeOf(PROVINCE_CODE).codes),
    q: query.q?.trim() || undefined,
    commonGrams,
    industryCode: query.industryCode?.trim() || undefined,
  };
}

export const LIST_ORDER = 'ORDER BY e.created_at DESC, e.id DESC';

/** The capped count: at most COUNT_CAP + 1 matches are visited. */
export function countQuery(filter: SearchFilter): { sql: string; params: unknown[] } {
  const { sql, params } = whereOf(filter);
  return {
    sql: `SELECT count(*)::int AS n FROM (SELECT 1 FROM enterprises e WHERE ${sql} LIMIT ${capOf(filter) + 1}) s`,
    params,
  };
}

/** One page, newest first. */
export function pageQuery(filter: SearchFilter, page: number, pageSize: number): { sql: string; params: unknown[] } {
  const { sql, params } = whereOf(filter);
  return {
    sql: `SELECT ${COLUMNS} FROM enterprises e WHERE ${sql} ${LIST_ORDER}
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    params: [...params, pageSize, (page - 1) * pageSize],
  };
}
