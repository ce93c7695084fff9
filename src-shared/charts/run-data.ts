// What a figure is built from: runs (their metric records plus the few config facts a figure needs).
// Pure data, filled by the engine from run folders (src-main/experiments/sweep-results.ts) or live by the UI.
import type { MetricRecord } from '../metrics';
import type { EnvId } from '../schemas/run';
import { tailMean, type Curve } from './stats';

/** Parameters a figure can group or sweep over (the sweep axes of src-shared/api/experiments.ts). */
export type FigureParam = 'lyapunovV' | 'cvCount' | 'svCount' | 'denoisingSteps';

/** One field of a run's group name (see run-groups.ts): `param` marks a sweep axis. */
export interface GroupPart {
  field: string;
  label: string;
  param?: FigureParam;
}

export interface FigureRun {
  runId: string;
  env: EnvId;
  algo: string;
  seed: number;
  /** Values of the sweep parameters as configured for this run (absent when unknown). */
  params: Partial<Record<FigureParam, number>>;
  /** T: slots per episode (to turn an episode's summed reward into a per-slot average). */
  slotsPerEpisode: number;
  /** Names of the DNN model types in the order of the queueDnnGops entries (paper 1), if known. */
  dnnModelNames?: string[];
  records: readonly MetricRecord[];
  /**
   * What the run's group is named by (algorithm, then the fields that differ among the shown runs); absent:
   * runs are grouped by algorithm only (figures of one experiment, whose runs differ in nothing else).
   */
  groupParts?: readonly GroupPart[];
}

/** An episode-level scalar against the episode number (episode records only). */
export function episodeCurve(run: FigureRun, key: string): Curve {
  const x: number[] = [];
  const y: number[] = [];
  for (const r of run.records) {
    if (r.kind !== 'episode') continue;
    const v = r.values[key];
    if (typeof v !== 'number' || !Number.isFinite(v)) continue;
    x.push(r.episode);
    y.push(v);
  }
  return { x, y };
}

/** One curve per entry of an array-valued episode metric (e.g. queueCvGops: one curve per CV). */
export function episodeArrayCurves(run: FigureRun, key: string): Curve[] {
  const curves: Curve[] = [];
  for (const r of run.records) {
    if (r.kind !== 'episode') continue;
    const v = r.values[key];
    if (!Array.isArray(v)) continue;
    v.forEach((value, i) => {
      if (!Number.isFinite(value)) return;
      curves[i] ??= { x: [], y: [] };
      curves[i].x.push(r.episode);
      curves[i].y.push(value);
    });
  }
  return curves.map((c) => c ?? { x: [], y: [] });
}

/** The episode curve of the mean over the entries of an array metric (e.g. the mean queue over all CVs). */
export function episodeArrayMeanCurve(run: FigureRun, key: string): Curve {
  const x: number[] = [];
  const y: number[] = [];
  for (const r of run.records) {
    if (r.kind !== 'episode') continue;
    const v = r.values[key];
    if (!Array.isArray(v) || v.length === 0) continue;
    const finite = v.filter((e) => Number.isFinite(e));
    if (finite.length === 0) continue;
    x.push(r.episode);
    y.push(finite.reduce((s, e) => s + e, 0) / finite.length);
  }
  return { x, y };
}

/** Multiplies the y values of a curve (e.g. 1/T to turn the episodic reward into the average per slot). */
export function scaleCurve(c: Curve, factor: number): Curve {
  return { x: c.x, y: c.y.map((v) => v * factor) };
}

/** Which metrics a run has at episode level, with whether each is an array. */
export function episodeMetricKeys(run: FigureRun): Map<string, 'scalar' | 'array'> {
  const keys = new Map<string, 'scalar' | 'array'>();
  for (const r of run.records) {
    if (r.kind !== 'episode') continue;
    for (const [k, v] of Object.entries(r.values)) if (!keys.has(k)) keys.set(k, Array.isArray(v) ? 'array' : 'scalar');
  }
  return keys;
}

/** Mean of an episode value: the scalar itself, or the mean over the finite entries of an array metric. */
function scalarOf(v: number | number[] | undefined, reduce: 'scalar' | 'array-mean'): number | null {
  if (reduce === 'scalar') return typeof v === 'number' && Number.isFinite(v) ? v : null;
  if (!Array.isArray(v)) return null;
  const finite = v.filter((e) => Number.isFinite(e));
  return finite.length === 0 ? null : finite.reduce((s, e) => s + e, 0) / finite.length;
}

/** Training episode after which the run's last exploration-off evaluation point ran; null without eval lines. */
export function lastEvalEpisode(run: FigureRun): number | null {
  let last: number | null = null;
  for (const r of run.records) if (r.kind === 'eval' && (last === null || r.episode > last)) last = r.episode;
  return last;
}

/**
 * One sweep point of a run (Fig. 8, 9; p2 Fig. 6, 7b): with `source` 'eval' (default) the mean over the episodes
 * of the run's last evaluation point (exploration off), falling back to the training tail when the run has no
 * eval lines (heuristics, older runs); with 'train' the mean of the last `lastN` training episodes.
 */
export function sweepPointValue(
  run: FigureRun,
  key: string,
  lastN: number,
  source: 'eval' | 'train',
  reduce: 'scalar' | 'array-mean' = 'scalar',
): { value: number; from: 'eval' | 'train' } {
  const evalEp = source === 'eval' ? lastEvalEpisode(run) : null;
  if (evalEp !== null) {
    const ys: number[] = [];
    for (const r of run.records) {
      if (r.kind !== 'eval' || r.episode !== evalEp) continue;
      const y = scalarOf(r.values[key], reduce);
      if (y !== null) ys.push(y);
    }
    if (ys.length > 0) return { value: ys.reduce((s, y) => s + y, 0) / ys.length, from: 'eval' };
  }
  const curve = reduce === 'scalar' ? episodeCurve(run, key) : episodeArrayMeanCurve(run, key);
  return { value: tailMean(curve.y, lastN), from: 'train' };
}

/**
 * The exploration-off evaluation points of a run: x = the training episode after which each point ran, y =
 * the mean of `key` over that point's evaluation episodes (array metrics: mean over the finite entries first).
 */
export function evalCurve(run: FigureRun, key: string, reduce: 'scalar' | 'array-mean' = 'scalar'): Curve {
  const sums = new Map<number, { sum: number; n: number }>();
  for (const r of run.records) {
    if (r.kind !== 'eval') continue;
    const y = scalarOf(r.values[key], reduce);
    if (y === null) continue;
    const s = sums.get(r.episode) ?? { sum: 0, n: 0 };
    s.sum += y;
    s.n += 1;
    sums.set(r.episode, s);
  }
  const x = [...sums.keys()].sort((a, b) => a - b);
  return { x, y: x.map((e) => sums.get(e)!.sum / sums.get(e)!.n) };
}

/**
 * An episode-level value (arrays: mean over entries) against the training wall time in seconds: the running sum
 * of the episodes' own wallTimeS (each episode record holds its duration), evaluation time left out.
 */
export function wallTimeCurve(run: FigureRun, key: string): Curve {
  const x: number[] = [];
  const y: number[] = [];
  let t = 0;
  for (const r of run.records) {
    if (r.kind !== 'episode') continue;
    t += r.wallTimeS;
    const v = scalarOf(r.values[key], Array.isArray(r.values[key]) ? 'array-mean' : 'scalar');
    if (v === null) continue;
    x.push(t);
    y.push(v);
  }
  return { x, y };
}

/** The latest episode that has slot records in the run (live runs keep the slots of their latest episode). */
export function latestSlotEpisode(run: FigureRun): number | null {
  let last: number | null = null;
  for (const r of run.records) if (r.kind === 'slot' && (last === null || r.episode > last)) last = r.episode;
  return last;
}

/** Which metrics the run has at slot level (in its latest episode with slot records), with whether each is an array. */
export function slotMetricKeys(run: FigureRun): Map<string, 'scalar' | 'array'> {
  const keys = new Map<string, 'scalar' | 'array'>();
  const episode = latestSlotEpisode(run);
  for (const r of run.records) {
    if (r.kind !== 'slot' || r.episode !== episode) continue;
    for (const [k, v] of Object.entries(r.values)) if (!keys.has(k)) keys.set(k, Array.isArray(v) ? 'array' : 'scalar');
  }
  return keys;
}

/** A slot metric against the slot in the run's latest episode with slot records (array metrics: mean of the entries). */
export function slotCurve(run: FigureRun, key: string): Curve {
  const episode = latestSlotEpisode(run);
  const x: number[] = [];
  const y: number[] = [];
  for (const r of run.records) {
    if (r.kind !== 'slot' || r.episode !== episode) continue;
    const v = scalarOf(r.values[key], Array.isArray(r.values[key]) ? 'array-mean' : 'scalar');
    if (v === null) continue;
    x.push(r.slot);
    y.push(v);
  }
  return { x, y };
}
