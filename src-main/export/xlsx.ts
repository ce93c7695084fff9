// XLSX export with SheetJS (xlsx 0.18.5): one sheet per table (series) plus a "config" sheet. Numbers are
// written as numeric cells, units sit in the header row. The library is used only to WRITE workbooks: its
// 0.18.5 parser has known flaws (CVE-2023-30533, CVE-2024-22363), so this project never parses untrusted files.
import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { cleanCell, columnHeader, type DataTable } from '../../src-shared/charts/table';
import { UserError } from '../../src-shared/errors';
import { flattenConfig } from './flatten';

const MAX_SHEET_NAME = 31;
export const CONFIG_SHEET = 'config';

/** Excel sheet names: at most 31 characters, none of []:*?/\, unique (case-insensitive) within a workbook. */
export function sheetName(name: string, taken: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, '_').replace(/^'+|'+$/g, '').slice(0, MAX_SHEET_NAME) || 'sheet';
  let candidate = base;
  for (let k = 2; taken.has(candidate.toLowerCase()); k++) {
    const suffix = ` (${k})`;
    candidate = base.slice(0, MAX_SHEET_NAME - suffix.length) + suffix;
  }
  taken.add(candidate.toLowerCase());
  return candidate;
}

/** Builds the workbook in memory (exported for tests and for callers that stream it elsewhere). */
export function buildWorkbook(tables: readonly DataTable[], config?: unknown): XLSX.WorkBook {
  const wb = XLSX.utils.book_new();
  const taken = new Set<string>([CONFIG_SHEET]);
  for (const t of tables) {
    const aoa = [t.columns.map(columnHeader), ...t.rows.map((r) => r.map(cleanCell))];
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), sheetName(t.name, taken));
  }
  if (config !== undefined) {
    const rows = flattenConfig(config);
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['key', 'value'], ...rows]), CONFIG_SHEET);
  }
  if (wb.SheetNames.length === 0) throw new UserError('nothing to export: no tables and no config');
  return wb;
}

/** Writes tables (+ config) to an .xlsx file, creating its folder. */
export function writeXlsx(file: string, tables: readonly DataTable[], config?: unknown): void {
  const wb = buildWorkbook(tables, config);
  const data = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, data);
}
