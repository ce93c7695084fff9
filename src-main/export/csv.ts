// CSV export: one RFC 4180 file per table (series) in a folder, named after the table, plus config.csv with
// dotted key/value rows. The first line holds the headers with units, e.g. "episode,reward".
import fs from 'node:fs';
import path from 'node:path';
import { cleanCell, columnHeader, type Cell, type DataTable } from '../../src-shared/charts/table';
import { UserError } from '../../src-shared/errors';
import { flattenConfig } from './flatten';

function csvField(v: Cell): string {
  const c = cleanCell(v);
  if (c === null) return '';
  if (typeof c === 'number') return String(c);
  return /[",\r\n]/.test(c) || c !== c.trim() ? `"${c.replace(/"/g, '""')}"` : c;
}

/** The CSV text of one table (lines end with CRLF as RFC 4180 says). */
export function tableToCsv(t: DataTable): string {
  const lines = [t.columns.map((c) => csvField(columnHeader(c))).join(',')];
  for (const row of t.rows) lines.push(row.map(csvField).join(','));
  return lines.join('\r\n') + '\r\n';
}

/** File name of a table: unsafe characters replaced, unique within the folder. */
export function csvFileName(name: string, taken: Set<string>): string {
  const base = name.replace(/[^A-Za-z0-9._ -]/g, '_').trim() || 'table';
  let candidate = `${base}.csv`;
  for (let k = 2; taken.has(candidate.toLowerCase()); k++) candidate = `${base}-${k}.csv`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

/** Writes one CSV per table into `dir` (created), plus config.csv when a config is given; returns the files. */
export function writeCsv(dir: string, tables: readonly DataTable[], config?: unknown): string[] {
  if (tables.length === 0 && config === undefined) throw new UserError('nothing to export: no tables and no config');
  fs.mkdirSync(dir, { recursive: true });
  const taken = new Set<string>(['config.csv']);
  const files: string[] = [];
  for (const t of tables) {
    const file = path.join(dir, csvFileName(t.name, taken));
    fs.writeFileSync(file, tableToCsv(t));
    files.push(file);
  }
  if (config !== undefined) {
    const file = path.join(dir, 'config.csv');
    fs.writeFileSync(file, tableToCsv({ name: 'config', columns: [{ name: 'key' }, { name: 'value' }], rows: flattenConfig(config) }));
    files.push(file);
  }
  return files;
}
