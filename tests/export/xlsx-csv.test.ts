import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { DataTable } from '../../src-shared/charts/table';
import type { MetricRecord } from '../../src-shared/metrics';
import { csvFileName, tableToCsv, writeCsv } from '../../src-main/export/csv';
import { flattenConfig } from '../../src-main/export/flatten';
import { runTables } from '../../src-main/export/run-tables';
import { sheetName, writeXlsx } from '../../src-main/export/xlsx';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vecwb-export-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const records: MetricRecord[] = [
  { kind: 'slot', episode: 1, slot: 1, values: { reward: -1.5, queueCvGops: [1, 2] } },
  { kind: 'slot', episode: 1, slot: 2, values: { reward: -2.5, queueCvGops: [3, 4] } },
  { kind: 'episode', episode: 1, wallTimeS: 0.25, values: { reward: -4, completionTimeSumS: 1.25, queueCvGops: [2, 3] } },
  { kind: 'episode', episode: 2, wallTimeS: 0.5, values: { reward: -3, completionTimeSumS: Number.NaN, queueCvGops: [1, 1] } },
];

describe('runTables', () => {
  it('makes one table per episode series with units in the headers', () => {
    const tables = runTables(records);
    expect(tables.map((t) => t.name)).toEqual(['wallTimeS', 'reward', 'completionTimeSumS', 'queueCvGops']);
    const q = tables[3];
    expect(q.columns.map((c) => c.name)).toEqual(['episode', 'queueCvGops CV 1', 'queueCvGops CV 2']);
    expect(q.columns[1].unit).toBe('G operations');
    expect(q.rows).toEqual([[1, 2, 3], [2, 1, 1]]);
  });
  it('adds slot series with --slots', () => {
    const tables = runTables(records, { slots: true });
    const slotReward = tables.find((t) => t.name === 'slot reward')!;
    expect(slotReward.columns.map((c) => c.name)).toEqual(['episode', 'slot', 'reward']);
    expect(slotReward.rows).toEqual([[1, 1, -1.5], [1, 2, -2.5]]);
  });
});

describe('writeXlsx', () => {
  it('writes one sheet per series plus config; numbers stay numbers, units sit in headers', () => {
    const file = path.join(tmp, 'run.xlsx');
    writeXlsx(file, runTables(records), { request: { algo: 'greedy', seed: 3 }, scenario: { cvs: { count: 5, modelMix: ['AlexNet', 'VGG16'] } } });
    // Reading back our own file to check it; the project never parses workbooks from elsewhere.
    const wb = XLSX.read(fs.readFileSync(file), { type: 'buffer' });
    expect(wb.SheetNames).toEqual(['wallTimeS', 'reward', 'completionTimeSumS', 'queueCvGops', 'config']);
    const ct = wb.Sheets.completionTimeSumS;
    expect(ct.A1.v).toBe('episode');
    expect(ct.B1.v).toBe('completionTimeSumS (s)');
    expect(ct.B2).toMatchObject({ t: 'n', v: 1.25 });
    expect(ct.B3).toBeUndefined(); // NaN became an empty cell
    expect(wb.Sheets.queueCvGops.C1.v).toBe('queueCvGops CV 2 (G operations)');
    expect(wb.Sheets.queueCvGops.C2).toMatchObject({ t: 'n', v: 3 });
    const config = XLSX.utils.sheet_to_json<[string, unknown]>(wb.Sheets.config, { header: 1 });
    expect(config).toEqual([
      ['key', 'value'],
      ['request.algo', 'greedy'],
      ['request.seed', 3],
      ['scenario.cvs.count', 5],
      ['scenario.cvs.modelMix.0', 'AlexNet'],
      ['scenario.cvs.modelMix.1', 'VGG16'],
    ]);
    expect(wb.Sheets.config.B3.t).toBe('n');
  });
  it('makes sheet names valid and unique (31 chars, no []:*?/\\)', () => {
    const taken = new Set<string>(['config']);
    expect(sheetName('a/b:c', taken)).toBe('a_b_c');
    expect(sheetName('A/B:C', taken)).toBe('A_B_C (2)');
    const long = 'x'.repeat(40);
    expect(sheetName(long, taken)).toHaveLength(31);
    expect(sheetName(long, taken)).toBe('x'.repeat(27) + ' (2)');
    expect(sheetName('config', taken)).toBe('config (2)');
  });
  it('refuses to write an empty workbook', () => {
    expect(() => writeXlsx(path.join(tmp, 'empty.xlsx'), [])).toThrow(/nothing to export/);
  });
});

describe('CSV', () => {
  const table: DataTable = {
    name: 'p1-fig8a',
    columns: [{ name: 'Number of CVs' }, { name: 'MAD2RL mean', unit: 's' }, { name: 'note' }],
    rows: [[3, 1.5, 'plain'], [4, null, 'has, comma'], [5, Number.POSITIVE_INFINITY, 'say "hi"']],
  };
  it('quotes per RFC 4180 and leaves missing numbers empty', () => {
    expect(tableToCsv(table)).toBe(
      'Number of CVs,MAD2RL mean (s),note\r\n3,1.5,plain\r\n4,,"has, comma"\r\n5,,"say ""hi"""\r\n',
    );
  });
  it('writes one file per table plus config.csv into a folder', () => {
    const dir = path.join(tmp, 'csv');
    const files = writeCsv(dir, [table, { ...table, name: 'p1/fig8a' }], { a: { b: 1 } });
    expect(files.map((f) => path.basename(f))).toEqual(['p1-fig8a.csv', 'p1_fig8a.csv', 'config.csv']);
    expect(fs.readFileSync(path.join(dir, 'config.csv'), 'utf8')).toBe('key,value\r\na.b,1\r\n');
    const taken = new Set<string>();
    expect([csvFileName('x', taken), csvFileName('X', taken)]).toEqual(['x.csv', 'X-2.csv']);
  });
  it('flattens configs with empty containers and booleans', () => {
    expect(flattenConfig({ a: [], b: {}, c: true, d: null })).toEqual([['a', '[]'], ['b', '{}'], ['c', 'true'], ['d', null]]);
  });
});
