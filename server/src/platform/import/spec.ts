import type { FieldErrorCode, Messages } from '@hexie/core';
import type { Tx } from '../../db/pool.js';
import type { ServiceContext } from '../context.js';

/**
 * The contract between the import engine (platform/import) and a ledger that imports (a module).
 * The engine owns everything generic: the file guard, reading xlsx/CSV, matching the template's Chinese
 * headers, reading code/ID columns as text, duplicates within the file, validate vs commit, one
 * transaction, the import record (file hash, who, when, result), background jobs, the audit.
 * The module owns what its rows mean: parse, the natural key, checks against the database, the upsert.
 */

/** How a cell is read before the module sees it (always handed over as a trimmed string). */
export type CellKind =
  /** free text */
  | 'text'
  /** codes and ID numbers: must be text in the file; a numeric xlsx cell (2.20102E+17) is a row error */
  | 'code'
  /** numbers: xlsx numbers or numeric text, handed over as a plain decimal string */
  | 'number'
  /** dates: xlsx dates or text 2026-03-02 / 2026/3/2 / 2026年3月2日, handed over as YYYY-MM-DD */
  | 'date';

export interface TemplateColumn {
  /** the field name (English, as in the API) */
  key: string;
  /** the Chinese header of the template, in template order */
  header: string;
  /** other headers accepted for this column (older templates, common variants) */
  aliases?: readonly string[];
  required?: boolean;
  kind: CellKind;
  /** shown in the template's second row / a comment: what to enter */
  hint?: string;
  /** column width in the template, in characters */
  width?: number;
}

/** A problem with one cell (or the row, when column is omitted) found by the module. */
export interface CellProblem {
  /** a TemplateColumn key */
  column?: string;
  code: FieldErrorCode;
  params?: Record<string, string | number>;
}

/** One row error as the API answers it: row is the spreadsheet row number (header = 1), column the header. */
export interface RowError {
  row: number;
  column: string;
  code: FieldErrorCode;
  message: string;
}

export type ParseResult<T> = { value: T; problems?: undefined } | { value?: undefined; problems: CellProblem[] };

export interface ImportSpec<T> {
  /** the kind of import, also the audit entity type: 'enterprise' */
  entity: string;
  /** what the user imports, for the template's sheet name, the job list and messages */
  title: Messages;
  /** in template order */
  columns: readonly TemplateColumn[];
  /** rows per file (default 100,000) */
  maxRows?: number;
  /**
   * One row: cells by column key ('' when empty, already trimmed and read per its kind) to a value, or the
   * problems. Pure and synchronous: no database here.
   */
  parse(cells: Readonly<Record<string, string>>, ctx: ServiceContext): ParseResult<T>;
  /** the natural key: two rows of one file with the same key are both errors; the upsert matches on it */
  key(value: T): string;
  /**
   * Checks that need the database or the caller (region scope, references), over a chunk of parsed rows
   * (IMPORT_CHUNK at a time, keys already unique within the file), before the chunk is written. Returns
   * problems by index into `rows`.
   */
  check?(ctx: ServiceContext, rows: readonly T[]): Promise<Map<number, CellProblem[]>>;
  /**
   * Writes a checked chunk inside the engine's transaction, which spans the whole file: called once per chunk,
   * and the engine rolls everything back if a later row has an error. Rows equal to what is stored count as
   * unchanged and are not written.
   */
  upsert(tx: Tx, ctx: ServiceContext, rows: readonly T[]): Promise<UpsertCounts>;
}

export interface UpsertCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export type ImportMode = 'validate' | 'commit';

/** The answer of POST /api/v1/<ledger>/import and of GET /api/v1/imports/:id once finished. */
export interface ImportResult extends UpsertCounts {
  importId: string;
  mode: ImportMode;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  /** rows read (without the header) */
  rows: number;
  /** rows with at least one error */
  rejected: number;
  /** every row error, in row order (capped at 1,000 with `errorsTruncated`) */
  errors: RowError[];
  errorsTruncated?: boolean;
  /** sha256 of the file */
  fileHash: string;
  /** this exact file was committed before: when, by whom (the second commit then changes nothing) */
  previousCommit?: { importId: string; at: string; by: string };
  /** 0..1 while running */
  progress?: number;
}
