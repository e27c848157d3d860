/**
 * The repository's enterprise list SQL (whereOf + listEnterprises in
 * server/src/modules/enterprises/enterprises.repository.ts) for the filters the benchmark uses (q, region
 * subtree, industry section or code prefix), copied so the baseline does not go through the project's code.
 * The benchmark checks before measuring that the bare route built on it answers exactly what the API answers,
 * so a drift in the repository shows up.
 */

import { normaliseCode } from '@hexie/core';

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
  industryCode?: string | undefined;
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
  if (wholeCode) where.push(`e.credit_code = ${add(code)}`);
  else if (q) {
    const grams = token
      ? `e.grams @> (hx_query_grams(${add(q)}) || ${add([token.token])}::text[])`
      : `e.grams @> hx_query_grams(${add(q)})`;
    if ([...q].length <= 2 && !/\s/.test(q)) where.push(grams);
    else {
      const like = add(`%${escapeLike(q)}%`);
      where.push(`${grams} AND (upper(e.name) LIKE ${like} OR e.credit_code LIKE ${like})`);
    }
  }
  if (filter.industryCode) {
    const code = filter.industryCode.toUpperCase();
    where.push(/^[A-T]$/.test(code) ? `e.industry_section = ${add(code)}` : `e.industry_code LIKE ${add(`${code}%`)}`);
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
