// Paper 1 (MAD2RL) figures: Fig. 1 (layer profile), 6a/6b (convergence), 7a-c (queues), 8a/8b (#CVs, #SVs),
// 9a/9b (Lyapunov V).
import { buildCurveChart, curveChartTable, type CurveChartSpec } from './curve-chart';
import { curveGroups, curveTail, entryGroups, sweepSeries, type SweepSeriesDef } from './compose';
import { byParamValue, DEFAULT_LAST_N, paramGroupKey, runsOfOneAlgo, sweepPointReader, warnMissingParam } from './figure-helpers';
import type { FigureBuildOptions, FigureInput, FigureResult, FigureSpec } from './figure-types';
import { algoLabel, sortAlgoLabels, sortAlgos } from './labels';
import { buildLayerProfileChart, layerProfileTable, OUTPUT_UNIT, WORKLOAD_UNIT } from './layer-profile-chart';
import { algorithmsPhrase, describeFigure } from './figure-titles';
import { describeMetric } from './metric-info';
import { episodeArrayCurves, episodeArrayMeanCurve, episodeCurve, evalCurve, type FigureParam, type FigureRun } from './run-data';
import { groupName, sortGroupNames } from './run-groups';
import { sweepFigure, type SweepChartSpec } from './sweep-chart';
import { p1Table2 } from './p1-table2';

/** Default smoothing of paper 1's curves (the paper does not say; see docs/model-notes.md). */
const P1_WINDOW = 20;
const EPISODE_AXIS = { name: 'Episode', type: 'value' as const, tight: true, integer: true };

function curveResult(id: string, spec: CurveChartSpec, opts: FigureBuildOptions, warnings: string[]): FigureResult {
  return { title: spec.title, option: buildCurveChart(spec, opts), tables: [curveChartTable(id, spec)], warnings };
}


function completionKey(opts: FigureBuildOptions): 'completionTimeSumS' | 'completionTimeMeanS' {
  return opts.completionTime === 'mean' ? 'completionTimeMeanS' : 'completionTimeSumS';
}

// ---- Fig. 6: episodic reward ----------------------------------------------------------------------------

function fig6a(input: FigureInput, opts: FigureBuildOptions = {}): FigureResult {
  const warnings: string[] = [];
  const { algo, runs } = runsOfOneAlgo(input.runs, 'mad2rl', opts, warnings);
  const groups = curveGroups(runs, paramGroupKey('denoisingSteps', 'M', warnings), (r) => episodeCurve(r, 'reward'), opts.window ?? P1_WINDOW, byParamValue);
  return curveResult('p1-fig6a', {
    title: describeFigure('Episodic reward', { of: algo ? algoLabel(algo) : '', how: 'under different denoising steps', runs }),
    x: EPISODE_AXIS,
    y: { name: 'Episodic reward (sum over the T slots of r(t), eq. 56)', type: 'value' },
    groups,
    bands: opts.spread ?? true,
  }, opts, warnings);
}

function fig6b(input: FigureInput, opts: FigureBuildOptions = {}): FigureResult {
  // One group per algorithm and setting (runs that differ only in the seed); evaluation points as markers.
  const groups = curveGroups(input.runs, (r) => groupName(r), (r) => episodeCurve(r, 'reward'), opts.window ?? P1_WINDOW, sortGroupNames, false, (r) => evalCurve(r, 'reward'));
  return curveResult('p1-fig6b', {
    title: describeFigure('Episodic reward', { of: algorithmsPhrase(input.runs), runs: input.runs }),
    x: EPISODE_AXIS,
    y: { name: 'Episodic reward (sum over the T slots of r(t), eq. 56)', type: 'value' },
    groups,
    bands: opts.spread ?? true,
  }, opts, []);
}

// ---- Fig. 7: queue lengths per CV, per DNN type, per SV ----------------------------------------------------

function queueFigure(id: string, key: 'queueCvGops' | 'queueDnnGops' | 'queueSvGops', title: string) {
  return (input: FigureInput, opts: FigureBuildOptions = {}): FigureResult => {
    const warnings: string[] = [];
    const { algo, runs } = runsOfOneAlgo(input.runs, 'mad2rl', opts, warnings);
    const info = describeMetric(key);
    const entryName = (i: number, run: FigureRun) =>
      key === 'queueDnnGops' && run.dnnModelNames?.[i] ? run.dnnModelNames[i] : (info.entry?.(i) ?? `${i + 1}`);
    const groups = entryGroups(runs, (r) => episodeArrayCurves(r, key), entryName, opts.window ?? 1);
    return curveResult(id, {
      title: describeFigure(title, { how: algo ? `under ${algoLabel(algo)}` : undefined, runs }),
      x: EPISODE_AXIS,
      y: { name: 'Task queue length (mean over the episode\'s slots)', unit: info.unit, type: 'value', fromZero: true, nonNegative: true },
      groups,
      bands: opts.spread ?? false, // one curve per entry: bands off unless asked for
    }, opts, warnings);
  };
}

// ---- Fig. 8 and 9b: completion time against #CVs, #SVs, V ------------------------------------------------

function completionSweep(id: string, param: FigureParam, xName: string, versus: string, algoFilter: boolean) {
  return (input: FigureInput, opts: FigureBuildOptions = {}): FigureResult => {
    const warnings: string[] = [];
    const runs = algoFilter ? runsOfOneAlgo(input.runs, 'mad2rl', opts, warnings).runs : input.runs.filter((r) => !opts.algo || r.algo === opts.algo);
    warnMissingParam(runs, param, warnings);
    const key = completionKey(opts);
    const point = sweepPointReader(opts, key, warnings);
    // One series per group of runs that agree on everything but the seed and the swept parameter.
    const defs: SweepSeriesDef[] = sortGroupNames(runs.map((r) => groupName(r, [param]))).map((name) => ({
      name,
      accepts: (r) => groupName(r, [param]) === name,
      value: point,
    }));
    const { categories, series } = sweepSeries(runs, (r) => r.params[param], defs);
    const yName = key === 'completionTimeSumS' ? 'Overall task completion time' : 'Mean task completion time per CV';
    const yDef =
      key === 'completionTimeSumS'
        ? `${yName} (sum over CVs of d_i, eq. 17, per slot; mean over slots)`
        : `${yName} (mean over CVs of d_i, eq. 17, per slot; mean over slots)`;
    return sweepFigure(id, {
      title: describeFigure(yName, { of: algorithmsPhrase(runs), how: `versus ${versus}`, runs, vary: [param] }),
      x: { name: xName, type: 'category', categories },
      y: { name: yDef, unit: 's', type: 'value', fromZero: true, nonNegative: true },
      series,
      mode: opts.mode ?? 'bar',
      errorBars: opts.spread ?? true,
    }, opts, warnings);
  };
}

// ---- Fig. 9a: average backlog of each queue kind against V -------------------------------------------------

function fig9a(input: FigureInput, opts: FigureBuildOptions = {}): FigureResult {
  const warnings: string[] = [];
  const { algo, runs } = runsOfOneAlgo(input.runs, 'mad2rl', opts, warnings);
  warnMissingParam(runs, 'lyapunovV', warnings);
  const kinds: [string, string][] = [
    ['CV queues', 'queueCvGops'],
    ['RSU queues (per DNN type)', 'queueDnnGops'],
    ['SV queues', 'queueSvGops'],
  ];
  const defs: SweepSeriesDef[] = kinds.map(([name, key]) => ({
    name,
    accepts: () => true,
    value: sweepPointReader(opts, key, warnings, 'array-mean'),
  }));
  const { categories, series } = sweepSeries(runs, (r) => r.params.lyapunovV, defs);
  return sweepFigure('p1-fig9a', {
    title: describeFigure('Average task queue backlog', { of: algo ? algoLabel(algo) : '', how: 'versus V', runs, vary: ['lyapunovV'] }),
    x: { name: 'Lyapunov control parameter V', type: 'category', categories },
    y: { name: 'Average backlog (mean over the queues of a kind and over slots)', unit: 'G operations', type: 'value', fromZero: true, nonNegative: true },
    series,
    mode: opts.mode ?? 'bar',
    errorBars: opts.spread ?? true,
  }, opts, warnings);
}

// ---- Fig. 1: layer profile -----------------------------------------------------------------------------------

const LAYER_TITLE = 'Layer-wise output data size and workload';

function fig1(input: FigureInput, opts: FigureBuildOptions = {}): FigureResult {
  const profile = input.layerProfile;
  if (!profile) return { title: LAYER_TITLE, option: null, tables: [], warnings: ['no layer profile given (Fig. 1 is built from a DNN model)'] };
  const title = describeFigure(LAYER_TITLE, { of: profile.modelName });
  return {
    title,
    option: buildLayerProfileChart(profile.modelName, profile.layers, opts, title),
    tables: [layerProfileTable('p1-fig1', profile.layers)],
    warnings: [],
  };
}

export const p1Figures: FigureSpec[] = [
  {
    id: 'p1-fig1', paper: 1, label: 'Fig. 1', source: 'model', experiment: 'p1-layer-profile',
    title: 'Layer-wise output data size and workload of a DNN model',
    caption: 'Per layer row: output size (eq. 3 with rho bytes per element) and workload (eq. 6).',
    x: { name: 'Layer' }, y: { name: `${OUTPUT_UNIT.label} / ${WORKLOAD_UNIT.label}`, unit: `${OUTPUT_UNIT.unit}, ${WORKLOAD_UNIT.unit}` },
    build: fig1,
  },
  {
    id: 'p1-fig6a', paper: 1, label: 'Fig. 6a', source: 'runs', experiment: 'p1-denoising',
    title: 'Episodic reward of MAD2RL under different denoising steps',
    caption: 'MAD2RL episodic reward (sum of eq. 56 over the slots of an episode), moving average per seed, mean +/- std across seeds.',
    x: { name: 'Episode' }, y: { name: 'Episodic reward' },
    build: fig6a,
  },
  {
    id: 'p1-fig6b', paper: 1, label: 'Fig. 6b', source: 'runs', experiment: 'p1-convergence',
    title: 'Episodic reward of each algorithm (convergence)',
    caption: 'Episodic reward per algorithm, moving average per seed, mean +/- std across seeds.',
    x: { name: 'Episode' }, y: { name: 'Episodic reward' },
    build: fig6b,
  },
  {
    id: 'p1-fig7a', paper: 1, label: 'Fig. 7a', source: 'runs', experiment: 'p1-queues',
    title: 'Task queue length of different CVs',
    caption: 'Episode mean of each CV queue Q_i^loc (eq. 8).', x: { name: 'Episode' }, y: { name: 'Task queue length', unit: 'G operations' },
    build: queueFigure('p1-fig7a', 'queueCvGops', 'Task queue length of different CVs'),
  },
  {
    id: 'p1-fig7b', paper: 1, label: 'Fig. 7b', source: 'runs', experiment: 'p1-queues',
    title: 'Task queue length of different DNNs',
    caption: 'Episode mean of each RSU queue per DNN model type, Q_k^rsu (eq. 10).', x: { name: 'Episode' }, y: { name: 'Task queue length', unit: 'G operations' },
    build: queueFigure('p1-fig7b', 'queueDnnGops', 'Task queue length of different DNNs'),
  },
  {
    id: 'p1-fig7c', paper: 1, label: 'Fig. 7c', source: 'runs', experiment: 'p1-queues',
    title: 'Task queue length of different SVs',
    caption: 'Episode mean of each SV queue Q_j^veh (eq. 14).', x: { name: 'Episode' }, y: { name: 'Task queue length', unit: 'G operations' },
    build: queueFigure('p1-fig7c', 'queueSvGops', 'Task queue length of different SVs'),
  },
  {
    id: 'p1-fig8a', paper: 1, label: 'Fig. 8a', source: 'sweep', experiment: 'p1-cvs',
    title: 'Task completion time versus the number of CVs',
    caption: 'Overall task completion time: per-slot sum over CVs of d_i (eqs. 17, 19), averaged over the slots of the last N episodes of each run, mean +/- std across seeds.',
    x: { name: 'Number of CVs' }, y: { name: 'Overall task completion time', unit: 's' },
    build: completionSweep('p1-fig8a', 'cvCount', 'Number of CVs', 'the number of CVs', false),
  },
  {
    id: 'p1-fig8b', paper: 1, label: 'Fig. 8b', source: 'sweep', experiment: 'p1-svs',
    title: 'Task completion time versus the number of SVs',
    caption: 'As Fig. 8a, against the number of SVs.',
    x: { name: 'Number of SVs' }, y: { name: 'Overall task completion time', unit: 's' },
    build: completionSweep('p1-fig8b', 'svCount', 'Number of SVs', 'the number of SVs', false),
  },
  {
    id: 'p1-fig9a', paper: 1, label: 'Fig. 9a', source: 'sweep', experiment: 'p1-v',
    title: 'Average backlog versus the Lyapunov control parameter V',
    caption: 'Mean over the entries of each queue kind and over the slots of the last N episodes, mean +/- std across seeds.',
    x: { name: 'Lyapunov control parameter V' }, y: { name: 'Average backlog', unit: 'G operations' },
    build: fig9a,
  },
  {
    id: 'p1-fig9b', paper: 1, label: 'Fig. 9b', source: 'sweep', experiment: 'p1-v',
    title: 'Task completion time versus the Lyapunov control parameter V',
    caption: 'As Fig. 8a, against V.',
    x: { name: 'Lyapunov control parameter V' }, y: { name: 'Overall task completion time', unit: 's' },
    build: completionSweep('p1-fig9b', 'lyapunovV', 'Lyapunov control parameter V', 'V', true),
  },
  p1Table2,
];
