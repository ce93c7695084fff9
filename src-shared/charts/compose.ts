// Turns runs into the groups and points of the generic charts: smoothing per seed, then mean +/- std across
// seeds (curves), or the tail mean of each run, then mean +/- std across seeds (sweep points).
import { formatParam } from './labels';
import type { CurveGroup } from './curve-chart';
import type { FigureRun } from './run-data';
import { meanStdAcross, mean, movingAverage, sampleStd, tailMean, type Curve } from './stats';
import type { SweepSeries } from './sweep-chart';

/**
 * Groups runs (key null = leave the run out), smooths each run's curve with a trailing moving average of
 * `window` episodes, then takes the mean and sample std across the runs of a group at each episode.
 * `withRaw` also keeps the across-seed mean of the unsmoothed curves; `evalOf` adds each group's
 * exploration-off evaluation points (unsmoothed: they are few), mean +/- std across the runs that have them.
 */
export function curveGroups(
  runs: readonly FigureRun[],
  groupKey: (r: FigureRun) => string | null,
  curve: (r: FigureRun) => Curve,
  window: number,
  order: (keys: string[]) => string[] = (k) => k,
  withRaw = false,
  evalOf?: (r: FigureRun) => Curve,
): CurveGroup[] {
  const byKey = new Map<string, Curve[]>();
  const evalsByKey = new Map<string, Curve[]>();
  for (const run of runs) {
    const key = groupKey(run);
    if (key === null) continue;
    const list = byKey.get(key) ?? [];
    list.push(curve(run));
    byKey.set(key, list);
    const ev = evalOf?.(run);
    if (ev && ev.x.length > 0) evalsByKey.set(key, [...(evalsByKey.get(key) ?? []), ev]);
  }
  return order([...byKey.keys()]).map((name) => {
    const raws = byKey.get(name)!;
    const smoothed = raws.map((c) => ({ x: c.x, y: movingAverage(c.y, window) }));
    const group: CurveGroup = { name, band: meanStdAcross(smoothed) };
    if (withRaw) {
      const rawBand = meanStdAcross(raws);
      group.raw = { x: rawBand.x, y: rawBand.mean };
    }
    const evals = evalsByKey.get(name);
    if (evals) group.evals = meanStdAcross(evals);
    return group;
  });
}

/** Per-entry curves of an array metric (one group per CV/SV/DNN), each entry smoothed and banded across seeds. */
export function entryGroups(
  runs: readonly FigureRun[],
  curves: (r: FigureRun) => Curve[],
  entryName: (i: number, run: FigureRun) => string,
  window: number,
  withRaw = false,
): CurveGroup[] {
  const perEntry: { name: string; curves: Curve[] }[] = [];
  for (const run of runs) {
    curves(run).forEach((c, i) => {
      perEntry[i] ??= { name: entryName(i, run), curves: [] };
      perEntry[i].curves.push(c);
    });
  }
  return perEntry
    .filter((e) => e !== undefined)
    .map((e) => {
      const group: CurveGroup = {
        name: e.name,
        band: meanStdAcross(e.curves.map((c) => ({ x: c.x, y: movingAverage(c.y, window) }))),
      };
      if (withRaw) {
        const rawBand = meanStdAcross(e.curves);
        group.raw = { x: rawBand.x, y: rawBand.mean };
      }
      return group;
    });
}

export interface SweepSeriesDef {
  name: string;
  /** Whether a run contributes to this series. */
  accepts: (r: FigureRun) => boolean;
  /** The run's value: typically the mean of an episode metric over its last N episodes. */
  value: (r: FigureRun) => number;
}

/**
 * Points of a sweep chart: categories are the distinct values of `x` over the runs (ascending); each series
 * point is the mean and sample std across the runs (seeds) with that x value. Runs without x are skipped.
 */
export function sweepSeries(
  runs: readonly FigureRun[],
  x: (r: FigureRun) => number | undefined,
  defs: readonly SweepSeriesDef[],
): { categories: string[]; values: number[]; series: SweepSeries[] } {
  const values = [...new Set(runs.map(x).filter((v): v is number => v !== undefined && Number.isFinite(v)))].sort((a, b) => a - b);
  const series = defs.map((def) => ({
    name: def.name,
    points: values.map((xv) => {
      const ys = runs.filter((r) => x(r) === xv && def.accepts(r)).map(def.value).filter(Number.isFinite);
      return ys.length === 0 ? null : { mean: mean(ys), std: sampleStd(ys), n: ys.length };
    }),
  }));
  return { categories: values.map(formatParam), values, series: series.filter((s) => s.points.some((p) => p !== null)) };
}

/** The mean of a curve over its last `lastN` episodes. */
export function curveTail(c: Curve, lastN: number): number {
  return tailMean(c.y, lastN);
}
