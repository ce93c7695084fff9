// Paper 2 (Ly-DTMPPO) figures: Fig. 4 (convergence), Table III (convergence statistics), Fig. 5a/5b (queues),
// Fig. 6a-c (cost, delay, energy vs #CVs), Fig. 7a/7b (cost vs episode and vs V).
import { buildCurveChart, curveChartTable, type CurveChartSpec } from './curve-chart';
import { curveGroups, curveTail, entryGroups, sweepSeries, type SweepSeriesDef } from './compose';
import { convergenceStats, tableIIIDefaults } from './convergence-stats';
import { byParamValue, DEFAULT_LAST_N, paramGroupKey, runsOfOneAlgo, sweepPointReader, warnMissingParam } from './figure-helpers';
import type { FigureBuildOptions, FigureInput, FigureResult, FigureSpec } from './figure-types';
import { algorithmsPhrase, describeFigure } from './figure-titles';
import { algoLabel, sortAlgoLabels, sortAlgos } from './labels';
import { describeMetric, P2_CV_QUEUE_KEY } from './metric-info';
import { episodeArrayCurves, episodeArrayMeanCurve, episodeCurve, evalCurve, scaleCurve, type FigureParam, type FigureRun } from './run-data';
import { groupName, sortGroupNames } from './run-groups';
import { mean, sampleStd, type Curve } from './stats';
import { sweepFigure } from './sweep-chart';
import type { DataTable } from './table';

/** Paper 2 smooths its curves with a 50-episode moving average (Sec. VII-C 2). */
const P2_WINDOW = 50;
const EPISODE_AXIS = { name: 'Episode', type: 'value' as const, tight: true, integer: true };

/** Average reward per slot of each episode: the episodic sum of eq. (44) divided by the slots T. */
export function averageRewardCurve(r: FigureRun): Curve {
  return scaleCurve(episodeCurve(r, 'reward'), 1 / Math.max(1, r.slotsPerEpisode));
}

function curves(id: string, spec: CurveChartSpec, opts: FigureBuildOptions, warnings: string[]): FigureResult {
  return { title: spec.title, option: buildCurveChart(spec, opts), tables: [curveChartTable(id, spec)], warnings };
}

function fig4(input: FigureInput, opts: FigureBuildOptions = {}): FigureResult {
  const perSlot = (r: FigureRun) => scaleCurve(evalCurve(r, 'reward'), 1 / Math.max(1, r.slotsPerEpisode));
  const groups = curveGroups(input.runs, (r) => groupName(r), averageRewardCurve, opts.window ?? P2_WINDOW, sortGroupNames, false, perSlot);
  return curves('p2-fig4', {
    title: describeFigure('Average reward', { of: algorithmsPhrase(input.runs), runs: input.runs }),
    x: EPISODE_AXIS,
    y: { name: 'Average reward', type: 'value' },
    groups,
    bands: opts.spread ?? true,
  }, opts, []);
}

/** Table III: per algorithm the across-seed mean (and std) of steady reward, CV and convergence episode. */
function table3(input: FigureInput, opts: FigureBuildOptions = {}): FigureResult {
  const statsOpts = { ...tableIIIDefaults, lastN: opts.lastN ?? tableIIIDefaults.lastN, window: opts.window ?? tableIIIDefaults.window };
  const rows = sortAlgos(input.runs.map((r) => r.algo)).map((algo) => {
    const stats = input.runs.filter((r) => r.algo === algo).map((r) => convergenceStats(averageRewardCurve(r), statsOpts));
    const col = (pick: (s: (typeof stats)[number]) => number | null) => {
      const v = stats.map(pick).filter((x): x is number => x !== null && Number.isFinite(x));
      return [v.length ? mean(v) : null, v.length ? sampleStd(v) : null];
    };
    // Budget honesty (issue 10): gradient steps per run, the sum of the learners' per-episode gradientSteps.
    const steps = input.runs
      .filter((r) => r.algo === algo)
      .map((r) => episodeCurve(r, 'gradientSteps').y)
      .filter((y) => y.length > 0)
      .map((y) => y.reduce((x, v) => x + v, 0));
    return [algoLabel(algo), ...col((s) => s.steadyReward), ...col((s) => s.coefficientOfVariation), ...col((s) => s.convergenceEpisode), stats.length, steps.length ? mean(steps) : null];
  });
  const table: DataTable = {
    name: 'p2-table3',
    columns: [
      { name: 'Algorithm' },
      { name: `Steady reward (mean of last ${statsOpts.lastN} episodes)` },
      { name: 'Steady reward std across seeds' },
      { name: 'Coefficient of variation' },
      { name: 'Coefficient of variation std across seeds' },
      { name: `Convergence episode (${Math.round(statsOpts.fraction * 100)}%)`, unit: 'episode' },
      { name: 'Convergence episode std across seeds', unit: 'episode' },
      { name: 'seeds' },
      { name: 'Gradient steps per run (mean across seeds)' },
    ],
    rows,
  };
  return { title: describeFigure('Convergence stability and speed', { of: algorithmsPhrase(input.runs), runs: input.runs }), option: null, tables: [table], warnings: [] };
}

function fig5a(input: FigureInput, opts: FigureBuildOptions = {}): FigureResult {
  const warnings: string[] = [];
  const { algo, runs } = runsOfOneAlgo(input.runs, 'ly-dtmppo', opts, warnings);
  const info = describeMetric(P2_CV_QUEUE_KEY);
  const groups = entryGroups(runs, (r) => episodeArrayCurves(r, P2_CV_QUEUE_KEY), (i) => info.entry?.(i) ?? `CV ${i + 1}`, opts.window ?? P2_WINDOW, true);
  if (runs.length > 0 && groups.length === 0) warnings.push(`the runs have no '${P2_CV_QUEUE_KEY}' metric`);
  return curves('p2-fig5a', {
    title: describeFigure('Task queue length of different CVs', { how: algo ? `under ${algoLabel(algo)}` : undefined, runs }),
    x: EPISODE_AXIS,
    y: { name: 'Task queue length', unit: info.unit, type: 'value', fromZero: true, nonNegative: true },
    groups,
    bands: opts.spread ?? false, // raw + smoothed per CV: bands off unless asked for
  }, opts, warnings);
}

function fig5b(input: FigureInput, opts: FigureBuildOptions = {}): FigureResult {
  const info = describeMetric(P2_CV_QUEUE_KEY);
  const groups = curveGroups(input.runs, (r) => groupName(r), (r) => episodeArrayMeanCurve(r, P2_CV_QUEUE_KEY), opts.window ?? P2_WINDOW, sortGroupNames);
  return curves('p2-fig5b', {
    title: describeFigure('Average queue length', { of: algorithmsPhrase(input.runs), runs: input.runs }),
    x: EPISODE_AXIS,
    y: { name: 'Average queue length', unit: info.unit, type: 'value', fromZero: true, nonNegative: true },
    groups,
    bands: opts.spread ?? true,
  }, opts, []);
}

function metricSweep(id: string, key: string, param: FigureParam, xName: string, what: string, versus: string) {
  return (input: FigureInput, opts: FigureBuildOptions = {}): FigureResult => {
    const warnings: string[] = [];
    const runs = input.runs.filter((r) => !opts.algo || r.algo === opts.algo);
    warnMissingParam(runs, param, warnings);
    const point = sweepPointReader(opts, key, warnings);
    const defs: SweepSeriesDef[] = sortGroupNames(runs.map((r) => groupName(r, [param]))).map((name) => ({
      name,
      accepts: (r) => groupName(r, [param]) === name,
      value: point,
    }));
    const { categories, series } = sweepSeries(runs, (r) => r.params[param], defs);
    const info = describeMetric(key);
    const spec = {
      title: describeFigure(what, { of: algorithmsPhrase(runs), how: `versus ${versus}`, runs, vary: [param] }),
      x: { name: xName, type: 'category' as const, categories },
      y: { name: info.label, unit: info.unit, type: 'value' as const, fromZero: true, nonNegative: true },
      series,
      mode: opts.mode ?? 'bar',
      errorBars: opts.spread ?? true,
    };
    return sweepFigure(id, spec, opts, warnings);
  };
}

function fig7a(input: FigureInput, opts: FigureBuildOptions = {}): FigureResult {
  const warnings: string[] = [];
  const { algo, runs } = runsOfOneAlgo(input.runs, 'ly-dtmppo', opts, warnings);
  const groups = curveGroups(runs, paramGroupKey('lyapunovV', 'V', warnings), (r) => episodeCurve(r, 'costMean'), opts.window ?? P2_WINDOW, byParamValue);
  return curves('p2-fig7a', {
    title: describeFigure('System average cost', { of: algo ? algoLabel(algo) : '', how: 'under different V', runs, vary: ['lyapunovV'] }),
    x: EPISODE_AXIS,
    y: { name: 'System average cost', type: 'value' },
    groups,
    bands: opts.spread ?? true,
  }, opts, warnings);
}

const COST = 'System average cost (eqs. 24-25: alpha-weighted delay and energy, alpha = 0.6)';

export const p2Figures: FigureSpec[] = [
  {
    id: 'p2-fig4', paper: 2, label: 'Fig. 4', source: 'runs', experiment: 'p2-convergence',
    title: 'Average rewards under different algorithms',
    caption: 'Average reward per slot (eq. 44) of each episode, 50-episode moving average per seed, mean +/- std across seeds.',
    x: { name: 'Episode' }, y: { name: 'Average reward' },
    build: fig4,
  },
  {
    id: 'p2-table3', paper: 2, label: 'Table III', source: 'table', experiment: 'p2-convergence',
    title: 'Convergence stability and speed of different schemes',
    caption: 'Steady reward = mean average reward of the last 50 episodes; CV = std / |mean| over those episodes; convergence episode = first episode at which the 50-episode moving average has covered 95% of the way from its start to the steady reward. Mean across seeds.',
    x: { name: 'Algorithm' }, y: { name: 'Statistic' },
    build: table3,
  },
  {
    id: 'p2-fig5a', paper: 2, label: 'Fig. 5a', source: 'runs', experiment: 'p2-convergence',
    title: 'Task queue length of different CVs (Ly-DTMPPO)',
    caption: 'Episode mean of each CV local queue Q_i^loc (eq. 16): raw (faint) and 50-episode moving average.',
    x: { name: 'Episode' }, y: { name: 'Task queue length', unit: describeMetric(P2_CV_QUEUE_KEY).unit },
    build: fig5a,
  },
  {
    id: 'p2-fig5b', paper: 2, label: 'Fig. 5b', source: 'runs', experiment: 'p2-convergence',
    title: 'Task queue length of different algorithms',
    caption: 'Average of Q_i^loc (eq. 16) over all CVs per episode, 50-episode moving average per seed, mean +/- std across seeds.',
    x: { name: 'Episode' }, y: { name: 'Average queue length', unit: describeMetric(P2_CV_QUEUE_KEY).unit },
    build: fig5b,
  },
  {
    id: 'p2-fig6a', paper: 2, label: 'Fig. 6a', source: 'sweep', experiment: 'p2-cvs',
    title: 'System average cost versus the number of CVs',
    caption: `${COST}, averaged over the slots of the last N episodes of each run, mean +/- std across seeds.`,
    x: { name: 'Number of CVs' }, y: { name: 'System average cost' },
    build: metricSweep('p2-fig6a', 'costMean', 'cvCount', 'Number of CVs', 'System average cost', 'the number of CVs'),
  },
  {
    id: 'p2-fig6b', paper: 2, label: 'Fig. 6b', source: 'sweep', experiment: 'p2-cvs',
    title: 'Average delay versus the number of CVs',
    caption: 'Mean task delay T_i^task per CV (eq. 19), averaged over the slots of the last N episodes, mean +/- std across seeds.',
    x: { name: 'Number of CVs' }, y: { name: 'Average delay', unit: 's' },
    build: metricSweep('p2-fig6b', 'delayMeanS', 'cvCount', 'Number of CVs', 'Average delay', 'the number of CVs'),
  },
  {
    id: 'p2-fig6c', paper: 2, label: 'Fig. 6c', source: 'sweep', experiment: 'p2-cvs',
    title: 'Average energy consumption versus the number of CVs',
    caption: 'Mean energy E_i^task per CV and slot (eq. 23), averaged over the slots of the last N episodes, mean +/- std across seeds.',
    x: { name: 'Number of CVs' }, y: { name: 'Average energy consumption', unit: 'J' },
    build: metricSweep('p2-fig6c', 'energyMeanJ', 'cvCount', 'Number of CVs', 'Average energy consumption', 'the number of CVs'),
  },
  {
    id: 'p2-fig7a', paper: 2, label: 'Fig. 7a', source: 'runs', experiment: 'p2-v',
    title: 'System average cost versus episode under different V (Ly-DTMPPO)',
    caption: `${COST} per episode, 50-episode moving average per seed, mean +/- std across seeds.`,
    x: { name: 'Episode' }, y: { name: 'System average cost' },
    build: fig7a,
  },
  {
    id: 'p2-fig7b', paper: 2, label: 'Fig. 7b', source: 'sweep', experiment: 'p2-v',
    title: 'System average cost versus the Lyapunov control parameter V',
    caption: `${COST}, averaged over the last N episodes of each run, mean +/- std across seeds.`,
    x: { name: 'Lyapunov control parameter V' }, y: { name: 'System average cost' },
    build: metricSweep('p2-fig7b', 'costMean', 'lyapunovV', 'Lyapunov control parameter V', 'System average cost', 'V'),
  },
];
