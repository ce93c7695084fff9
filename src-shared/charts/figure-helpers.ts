// Small helpers shared by the figure definitions of both papers.
import { algoLabel, formatParam, sortAlgos } from './labels';
import type { FigureBuildOptions } from './figure-types';
import { sweepPointValue, type FigureParam, type FigureRun } from './run-data';

/** Runs of one algorithm: `opts.algo` if given, else `preferred` if present, else the first in paper order. */
export function runsOfOneAlgo(
  runs: readonly FigureRun[],
  preferred: string,
  opts: FigureBuildOptions,
  warnings: string[],
): { algo: string | null; runs: FigureRun[] } {
  const algos = sortAlgos(runs.map((r) => r.algo));
  const algo = opts.algo ?? (algos.includes(preferred) ? preferred : (algos[0] ?? null));
  if (algo === null) return { algo, runs: [] };
  const others = algos.filter((a) => a !== algo);
  if (others.length > 0) warnings.push(`shows ${algoLabel(algo)} only; runs of ${others.map(algoLabel).join(', ')} left out`);
  return { algo, runs: runs.filter((r) => r.algo === algo) };
}

/** Group key "name = value" of a parameter, with the runs lacking it reported once. */
export function paramGroupKey(param: FigureParam, symbol: string, warnings: string[]): (r: FigureRun) => string {
  let warned = false;
  return (r) => {
    const v = r.params[param];
    if (v === undefined) {
      if (!warned) warnings.push(`some runs do not record ${param}; shown as "${symbol} = default"`);
      warned = true;
      return `${symbol} = default`;
    }
    return `${symbol} = ${formatParam(v)}`;
  };
}

/** Sorts "X = value" keys numerically by value ("default" last). */
export function byParamValue(keys: string[]): string[] {
  const value = (k: string) => {
    const v = Number(k.split('=').pop());
    return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY;
  };
  return [...keys].sort((a, b) => value(a) - value(b));
}

/** Warns about runs a sweep figure leaves out for lack of the swept parameter. */
export function warnMissingParam(runs: readonly FigureRun[], param: FigureParam, warnings: string[]): void {
  const missing = runs.filter((r) => r.params[param] === undefined).length;
  if (missing > 0) warnings.push(`${missing} run(s) without ${param} left out`);
}

export const DEFAULT_LAST_N = 50;

/**
 * The value function of a sweep figure's points (see sweepPointValue), which notes in `warnings` where the
 * points came from: exploration-off evaluation episodes or the tail of training.
 */
export function sweepPointReader(
  opts: FigureBuildOptions,
  key: string,
  warnings: string[],
  reduce: 'scalar' | 'array-mean' = 'scalar',
): (r: FigureRun) => number {
  const lastN = opts.lastN ?? DEFAULT_LAST_N;
  const source = opts.points ?? 'eval';
  const seen = { eval: new Set<string>(), train: new Set<string>() };
  return (r) => {
    const { value, from } = sweepPointValue(r, key, lastN, source, reduce);
    seen[from].add(r.runId);
    const parts: string[] = [];
    if (seen.eval.size > 0) parts.push(`${seen.eval.size} run(s) from their last exploration-off evaluation`);
    if (seen.train.size > 0) parts.push(`${seen.train.size} run(s) from the mean of their last ${lastN} training episodes`);
    const note = `sweep points: ${parts.join('; ')}`;
    const at = warnings.findIndex((w) => w.startsWith('sweep points: '));
    if (at >= 0) warnings[at] = note;
    else warnings.push(note);
    return value;
  };
}
