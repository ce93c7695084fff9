// Columns of the runs table (W&B style): the run's identity, its sweep values, the hyper-parameters that differ
// among the listed runs and the final value of chosen metrics; sorting by any of them.
import type { RunListItem } from '../../../src-shared/api/runs';
import { shownRunStatus } from '../../../src-shared/run-status';
import { algoLabel } from '../../../src-shared/charts/labels';
import { describeMetric } from '../../../src-shared/charts/metric-info';

export type Cell = number | string | null;

export interface RunColumn {
  id: string;
  label: string;
  /** What the header's tooltip says. */
  title: string;
  kind: 'base' | 'tag' | 'hyper' | 'final';
  numeric: boolean;
  value(item: RunListItem): Cell;
}

/**
 * Status shown for a run: the engine's (runStatusOf: 'interrupted' when no live process holds the run); without it,
 * a 'running' or 'paused' summary of a run the engine no longer executes was interrupted.
 */
export function shownStatus(item: RunListItem): string {
  return item.live ? item.summary.status : (item.status ?? shownRunStatus(item.summary.status, false));
}

const base: RunColumn[] = [
  { id: 'status', label: 'status', title: 'run status', kind: 'base', numeric: false, value: (i) => shownStatus(i) },
  { id: 'algo', label: 'algorithm', title: 'algorithm', kind: 'base', numeric: false, value: (i) => algoLabel(i.summary.algo) },
  { id: 'seed', label: 'seed', title: 'run seed', kind: 'base', numeric: true, value: (i) => i.summary.seed },
  { id: 'setting', label: 'setting', title: 'experiment name or group', kind: 'base', numeric: false, value: (i) => i.name ?? i.group },
];

const tail: RunColumn[] = [
  { id: 'episodes', label: 'episodes', title: 'episodes done (of the target)', kind: 'base', numeric: true, value: (i) => i.summary.episodesDone },
  { id: 'started', label: 'started', title: 'start time', kind: 'base', numeric: false, value: (i) => i.summary.startedAt },
  { id: 'wall', label: 'wall time', title: 'training wall time', kind: 'base', numeric: true, value: (i) => i.summary.wallTimeS },
];

const tags: { key: keyof RunListItem['tags']; label: string; title: string }[] = [
  { key: 'lyapunovV', label: 'V', title: 'Lyapunov weight V' },
  { key: 'cvCount', label: '#CVs', title: 'client vehicles' },
  { key: 'svCount', label: '#SVs', title: 'service vehicles' },
  { key: 'denoisingSteps', label: 'M', title: 'denoising steps (MAD2RL)' },
];

function plain(v: unknown): Cell {
  if (v === undefined || v === null) return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  return JSON.stringify(v);
}

/** Hyper-parameter keys whose value is not the same in every listed run (a key absent in some counts). */
export function differingHyper(items: readonly RunListItem[]): string[] {
  const keys = new Set<string>();
  for (const i of items) for (const k of Object.keys(i.hyper)) keys.add(k);
  return [...keys].filter((k) => new Set(items.map((i) => JSON.stringify(i.hyper[k] ?? null))).size > 1).sort();
}

/** Final-metric keys present in any listed run, reward first. */
export function finalKeys(items: readonly RunListItem[]): string[] {
  const keys = new Set<string>();
  for (const i of items) for (const k of Object.keys(i.final)) keys.add(k);
  return [...keys].sort((a, b) => Number(b === 'reward') - Number(a === 'reward') || a.localeCompare(b));
}

/** The table's columns for these runs, with the chosen final metrics. */
export function runColumns(items: readonly RunListItem[], metrics: readonly string[]): RunColumn[] {
  const cols = [...base];
  for (const t of tags) {
    if (items.some((i) => i.tags[t.key] !== null)) cols.push({ id: `tag.${t.key}`, label: t.label, title: t.title, kind: 'tag', numeric: true, value: (i) => i.tags[t.key] });
  }
  for (const k of differingHyper(items)) {
    cols.push({ id: `hyper.${k}`, label: k, title: `hyper-parameter ${k} (differs among the runs)`, kind: 'hyper', numeric: items.some((i) => typeof i.hyper[k] === 'number'), value: (i) => plain(i.hyper[k]) });
  }
  cols.push(...tail.slice(0, 1));
  for (const k of metrics) {
    const info = describeMetric(k);
    cols.push({ id: `final.${k}`, label: `${k} (last)`, title: `${info.label}${info.unit ? ` (${info.unit})` : ''} of the last episode`, kind: 'final', numeric: true, value: (i) => i.final[k] ?? null });
  }
  cols.push(...tail.slice(1));
  return cols;
}

/** Sorted copy; empty cells last in both directions, numbers as numbers, text naturally. */
export function sortRuns(items: readonly RunListItem[], col: RunColumn | undefined, dir: 'asc' | 'desc'): RunListItem[] {
  if (!col) return [...items];
  const sign = dir === 'asc' ? 1 : -1;
  return [...items].sort((a, b) => {
    const va = col.value(a);
    const vb = col.value(b);
    if (va === null || vb === null) return va === vb ? 0 : va === null ? 1 : -1;
    if (typeof va === 'number' && typeof vb === 'number') return sign * (va - vb);
    return sign * String(va).localeCompare(String(vb), undefined, { numeric: true });
  });
}

/** A cell as the table prints it. */
export function formatCell(v: Cell): string {
  if (v === null) return '';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : Math.abs(v) >= 100 ? v.toFixed(1) : Number(v.toPrecision(4)).toString();
  return v;
}
