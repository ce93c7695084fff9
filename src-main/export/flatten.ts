// Flattens a nested config object into dotted key/value rows for the config sheet / config.csv.
import type { Cell } from '../../src-shared/charts/table';

export function flattenConfig(value: unknown, prefix = ''): [string, Cell][] {
  if (value === null || value === undefined) return prefix ? [[prefix, null]] : [];
  if (typeof value === 'number') return [[prefix, Number.isFinite(value) ? value : String(value)]];
  if (typeof value === 'string') return [[prefix, value]];
  if (typeof value === 'boolean') return [[prefix, value ? 'true' : 'false']];
  if (Array.isArray(value)) {
    if (value.length === 0) return [[prefix, '[]']];
    return value.flatMap((v, i) => flattenConfig(v, prefix ? `${prefix}.${i}` : String(i)));
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return prefix ? [[prefix, '{}']] : [];
    return entries.flatMap(([k, v]) => flattenConfig(v, prefix ? `${prefix}.${k}` : k));
  }
  return [[prefix, String(value)]];
}
