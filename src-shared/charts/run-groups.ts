// Grouping of runs for the charts, as W&B does it: runs are averaged (mean +/- std) only when they agree on
// everything but the seed: algorithm, environment, sweep values, hyper-parameters, episodes and every other
// scenario field. The fields that differ among the shown runs name the groups ("MAD2RL · V=50 · 5 CVs").
import { flattenConfig } from '../api/runs';
import type { RunConfig } from '../schemas/run';
import { algoLabel, formatParam, sortAlgoLabels } from './labels';
import type { FigureParam, FigureRun, GroupPart } from './run-data';

/** Config paths that never tell experiments apart: ids, times, folders, seeds, names, bookkeeping. */
const IGNORED: readonly RegExp[] = [
  /^runId$/,
  /^createdAt$/,
  /^versions\./,
  /^backend$/,
  /^backendReason$/,
  /^checkpointLoaded$/,
  /^request\.(seed|name|outDir|runsRoot|baseDir|backend|checkpointEvery|slotMetrics|scenario)$/,
  // The request's own scenario object repeats (part of) the resolved scenario below: one name per setting.
  /^request\.scenario\./,
  /^scenario\.(seed|name)$/,
];

export const SEED_FIELD = 'request.seed';
export const ALGO_FIELD = 'request.algo';

/** The fields of a run's config that can tell runs apart, as dotted paths with JSON-encoded values. */
export function runFacets(config: RunConfig): Map<string, string> {
  const flat = flattenConfig(config);
  for (const key of [...flat.keys()]) if (IGNORED.some((re) => re.test(key))) flat.delete(key);
  return flat;
}

/** Fields whose value is not the same in all the given runs (absent counts as a value), in path order. */
export function differingFields(facets: readonly Map<string, string>[]): string[] {
  const keys = new Set<string>();
  for (const f of facets) for (const k of f.keys()) keys.add(k);
  return [...keys].filter((k) => facets.some((f) => f.get(k) !== facets[0].get(k))).sort(fieldOrder);
}

/** Algorithm first, then environment, the sweep axes, episodes, then everything else alphabetically. */
const PREFERRED = [ALGO_FIELD, 'request.env', 'scenario.lyapunovV', 'scenario.lyapunov.controlV', 'scenario.cvs.count', 'scenario.svs.count', 'request.hyper.denoisingSteps', 'request.episodes'];
function fieldOrder(a: string, b: string): number {
  const ra = PREFERRED.indexOf(a);
  const rb = PREFERRED.indexOf(b);
  if (ra >= 0 || rb >= 0) return (ra < 0 ? PREFERRED.length : ra) - (rb < 0 ? PREFERRED.length : rb);
  return a.localeCompare(b);
}

/** Sweep parameter a config path is (figures that sweep it leave it out of their series names). */
export function fieldParam(field: string): FigureParam | undefined {
  if (field === 'scenario.lyapunovV' || field === 'scenario.lyapunov.controlV') return 'lyapunovV';
  if (field === 'scenario.cvs.count') return 'cvCount';
  if (field === 'scenario.svs.count') return 'svCount';
  if (field === 'request.hyper.denoisingSteps') return 'denoisingSteps';
  return undefined;
}

/** Short name of a field for the group-by control: "V", "#CVs", "lr", "cvs.cpuHz.min". */
export function fieldName(field: string): string {
  const named: Record<string, string> = {
    [ALGO_FIELD]: 'algorithm',
    [SEED_FIELD]: 'seed',
    'request.env': 'paper',
    'request.episodes': 'episodes',
    'request.evaluate': 'evaluation run',
    'scenario.lyapunovV': 'V',
    'scenario.lyapunov.controlV': 'V',
    'scenario.cvs.count': '#CVs',
    'scenario.svs.count': '#SVs',
    'request.hyper.denoisingSteps': 'M (denoising steps)',
  };
  return named[field] ?? field.replace(/^request\.hyper\./, '').replace(/^scenario\./, '').replace(/^request\./, '');
}

function plain(json: string | undefined): string {
  if (json === undefined) return 'default';
  try {
    const v: unknown = JSON.parse(json);
    if (typeof v === 'number') return formatParam(v);
    if (typeof v === 'string') return v;
    return json;
  } catch {
    return json;
  }
}

/** The label a field's value takes in a group name: "V=50", "5 CVs", "3 SVs", "M=5", "lr=0.001", "paper 2". */
export function partLabel(field: string, json: string | undefined): string {
  const v = plain(json);
  if (field === ALGO_FIELD) return algoLabel(v);
  if (field === SEED_FIELD) return `s${v}`;
  if (field === 'request.env') return v === 'isac-dt' ? 'paper 2' : v === 'vec-dnn' ? 'paper 1' : v;
  if (field === 'scenario.cvs.count') return `${v} ${v === '1' ? 'CV' : 'CVs'}`;
  if (field === 'scenario.svs.count') return `${v} ${v === '1' ? 'SV' : 'SVs'}`;
  if (field === 'request.episodes') return `${v} ep`;
  if (fieldParam(field) === 'lyapunovV') return `V=${v}`;
  if (field === 'request.hyper.denoisingSteps') return `M=${v}`;
  return `${fieldName(field)}=${v}`;
}

export interface GroupableRun {
  run: FigureRun;
  config: RunConfig;
}

export interface RunGrouping {
  /** Fields that differ among the runs (seed included when it differs): what the group-by control offers. */
  fields: string[];
  /** The runs with their group parts set (the chart builders name series by them). */
  runs: FigureRun[];
  /** Per run id: the group name plus the seed ("MAD2RL · V=50 · s1"), for chips and per-run legends. */
  runLabels: Map<string, string>;
  /** Distinct group names, in chart order. */
  groups: string[];
}

/**
 * Groups runs by the chosen fields (default: every field that differs except the seed). Each run's group name
 * is its algorithm followed by the labels of its values of the other chosen fields; runs with equal names are
 * averaged by the figures. Choosing 'request.seed' too shows every run on its own.
 */
export function groupRuns(input: readonly GroupableRun[], groupBy?: readonly string[]): RunGrouping {
  const facets = input.map((r) => runFacets(r.config));
  const withSeed = input.map((r, i) => new Map(facets[i]).set(SEED_FIELD, JSON.stringify(r.config.request.seed)));
  const fields = differingFields(withSeed);
  const chosen = (groupBy ?? fields.filter((f) => f !== SEED_FIELD)).filter((f) => f !== ALGO_FIELD && fields.includes(f));
  const runs: FigureRun[] = [];
  const runLabels = new Map<string, string>();
  input.forEach((r, i) => {
    const parts: GroupPart[] = [{ field: ALGO_FIELD, label: algoLabel(r.run.algo) }];
    for (const f of chosen) parts.push({ field: f, label: partLabel(f, withSeed[i].get(f)), param: fieldParam(f) });
    const grouped: FigureRun = { ...r.run, groupParts: parts };
    runs.push(grouped);
    const name = groupName(grouped);
    runLabels.set(r.run.runId, chosen.includes(SEED_FIELD) ? name : `${name} · s${r.run.seed}`);
  });
  return { fields, runs, runLabels, groups: sortGroupNames(runs.map((r) => groupName(r))) };
}

/**
 * The series name of a run: its group parts (leaving out the parameters a sweep figure puts on its x axis), or
 * the algorithm's label for runs that were not grouped (the CLI's figures).
 */
export function groupName(run: FigureRun, exclude: readonly FigureParam[] = []): string {
  if (!run.groupParts) return algoLabel(run.algo);
  return run.groupParts
    .filter((p) => p.param === undefined || !exclude.includes(p.param))
    .map((p) => p.label)
    .join(' · ');
}

/** Group names in the papers' algorithm order, then by their other parts with numbers compared as numbers. */
export function sortGroupNames(names: Iterable<string>): string[] {
  const unique = [...new Set(names)];
  const algoOf = (n: string) => n.split(' · ')[0];
  const algoRank = new Map(sortAlgoLabels(unique.map(algoOf)).map((a, i) => [a, i]));
  return unique.sort((a, b) => algoRank.get(algoOf(a))! - algoRank.get(algoOf(b))! || a.localeCompare(b, undefined, { numeric: true }));
}
