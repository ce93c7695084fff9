// The series of one run as tables: one table per episode metric (scalar: episode | value; array: episode |
// one column per CV/SV/...), optionally the same per slot. Units come from src-shared/charts/metric-info.ts.
import type { MetricRecord } from '../../src-shared/metrics';
import { dnnTypeNames } from '../../src-shared/api/figure-runs';
import type { RunConfig } from '../../src-shared/schemas/run';
import { describeMetric } from '../../src-shared/charts/metric-info';
import type { Cell, DataTable, TableColumn } from '../../src-shared/charts/table';

export interface RunTablesOptions {
  /** Also one table per metric at slot level (episode, slot, value(s)); large for long runs. */
  slots?: boolean;
  /** The run's config: array columns are named by what their entries are (the RSU queues by DNN model). */
  config?: RunConfig;
}

/** Names of the entries of array metrics the config knows: queueDnnGops follows the CVs' model types. */
export function entryNamesOf(config: RunConfig | undefined): Record<string, string[]> {
  if (!config || config.request.env !== 'vec-dnn') return {};
  const dnn = dnnTypeNames(config.scenario);
  return dnn ? { queueDnnGops: dnn } : {};
}

function metricColumns(key: string, width: number | null, names: readonly string[] = []): TableColumn[] {
  const info = describeMetric(key);
  if (width === null) return [{ name: key, unit: info.unit || undefined }];
  return Array.from({ length: width }, (_, i) => ({
    name: `${key} ${names[i] ?? (info.entry ? info.entry(i) : `[${i + 1}]`)}`,
    unit: info.unit || undefined,
  }));
}

function tablesOf(records: readonly MetricRecord[], kind: 'episode' | 'slot', prefix: string, entryNames: Record<string, string[]>): DataTable[] {
  const keys = new Map<string, number | null>();
  for (const r of records) {
    if (r.kind !== kind) continue;
    for (const [k, v] of Object.entries(r.values)) {
      const width = Array.isArray(v) ? v.length : null;
      const prev = keys.get(k);
      if (prev === undefined || (width !== null && prev !== null && width > prev)) keys.set(k, width);
    }
  }
  const index: TableColumn[] = kind === 'episode' ? [{ name: 'episode' }] : [{ name: 'episode' }, { name: 'slot' }];
  const tables: DataTable[] = [];
  if (kind === 'episode') {
    tables.push({
      name: `${prefix}wallTimeS`,
      columns: [...index, { name: 'wall time', unit: 's' }],
      rows: records.filter((r) => r.kind === 'episode').map((r) => [r.episode, (r as { wallTimeS: number }).wallTimeS]),
    });
  }
  for (const [key, width] of keys) {
    const rows: Cell[][] = [];
    for (const r of records) {
      if (r.kind !== kind || !(key in r.values)) continue;
      const v = r.values[key];
      const idx: Cell[] = r.kind === 'slot' ? [r.episode, r.slot] : [r.episode];
      if (width === null) rows.push([...idx, typeof v === 'number' ? v : null]);
      else rows.push([...idx, ...Array.from({ length: width }, (_, i) => (Array.isArray(v) && i < v.length ? v[i] : null))]);
    }
    tables.push({ name: `${prefix}${key}`, columns: [...index, ...metricColumns(key, width, entryNames[key])], rows });
  }
  return tables;
}

/** Tables of a run's metric records: episode series first, then (optionally) slot series prefixed "slot ". */
export function runTables(records: readonly MetricRecord[], opts: RunTablesOptions = {}): DataTable[] {
  const names = entryNamesOf(opts.config);
  const tables = tablesOf(records, 'episode', '', names);
  if (opts.slots) tables.push(...tablesOf(records, 'slot', 'slot ', names));
  return tables;
}
