// Verdicts: each claim of a paper read against measured runs, "matches / same direction / differs" with the
// tolerance it was judged by, or "not measured" with the reason (a figure not run, a sweep value missing).
// Pure: the CLI report, the engine and the UI all call this.
import { z } from 'zod';
import { algoLabel } from '../charts/labels';
import type { FigureParam, FigureRun } from '../charts/run-data';
import { episodeArrayMeanCurve } from '../charts/run-data';
import { mean } from '../charts/stats';
import { improvementPercent, measuredPoints, seedValues, spreadOf, type Spread } from './measure';
import type { Claim, ClaimsFile, Quantity, Tolerances } from './schema';

export const verdictSchema = z.enum(['matches', 'same direction', 'differs', 'not measured']);
export type Verdict = z.infer<typeof verdictSchema>;

const spreadSchema = z.object({ mean: z.number(), std: z.number(), n: z.number().int() });

export const claimResultSchema = z.object({
  id: z.string(),
  figure: z.string(),
  section: z.string(),
  claim: z.string(),
  kind: z.enum(['ordering', 'best', 'trend', 'peak', 'relative', 'value', 'bounded']),
  /** The paper's side, as text ("19.14 %", "MAD2RL < P-QMIX < Genetic algorithm < Greedy algorithm"). */
  paper: z.string(),
  /** What was measured, as text (mean +/- std over seeds, or the order found at each point). */
  measured: z.string(),
  /** Numeric claims: measured mean, its std over seeds and the seeds; and measured - paper. */
  value: spreadSchema.nullable(),
  difference: z.number().nullable(),
  verdict: verdictSchema,
  /** The rule the verdict followed, with its tolerance (or why it was not measured). */
  rule: z.string(),
});
export type ClaimResult = z.infer<typeof claimResultSchema>;

const PARAM_SYMBOL: Record<FigureParam, string> = { cvCount: 'CVs', svCount: 'SVs', lyapunovV: 'V', denoisingSteps: 'M' };

function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e5 || a < 1e-3)) return v.toExponential(3);
  return a >= 100 ? v.toFixed(1) : a >= 1 ? v.toFixed(3) : v.toFixed(4);
}

function fmtSpread(s: Spread, unit = ''): string {
  return `${fmt(s.mean)}${unit} ± ${fmt(s.std)}${unit} (${s.n} seed${s.n === 1 ? '' : 's'})`;
}

function pointName(param: FigureParam, value: number): string {
  return param === 'lyapunovV' ? `V = ${value}` : param === 'denoisingSteps' ? `M = ${value}` : `${value} ${PARAM_SYMBOL[param]}`;
}

function quantityPhrase(q: Quantity): string {
  if (q.of === 'sweep-point') return `${q.metric} (sweep point)`;
  if (q.of === 'steady') return `${q.metric} (mean of the last ${q.lastN} training episodes${q.perSlot ? ', per slot' : ''})`;
  return `Table III ${q.stat}`;
}

function base(c: Claim, paper: string): Omit<ClaimResult, 'measured' | 'value' | 'difference' | 'verdict' | 'rule'> {
  return { id: c.id, figure: c.figure, section: c.section, claim: c.claim, kind: c.kind, paper };
}

function notMeasured(c: Claim, paper: string, why: string): ClaimResult {
  return { ...base(c, paper), measured: '—', value: null, difference: null, verdict: 'not measured', rule: why };
}

/** Points of a claim: the values it names, or those measured; the single point `null` for sweep-less experiments. */
function claimPoints(runs: readonly FigureRun[], at: { param: FigureParam; values?: number[] } | undefined): { param: FigureParam; value: number }[] | [null] {
  if (!at) return [null];
  const values = at.values ?? measuredPoints(runs, at.param);
  return values.map((value) => ({ param: at.param, value }));
}

/** Mean per algorithm at one point; null for an algorithm with no measured run there. */
function meansAt(runs: readonly FigureRun[], algos: readonly string[], q: Quantity, at: { param: FigureParam; value: number } | null): Map<string, number | null> {
  const out = new Map<string, number | null>();
  for (const a of algos) {
    const vs = [...seedValues(runs, a, q, at ?? undefined).values()];
    out.set(a, vs.length ? mean(vs) : null);
  }
  return out;
}

function ranked(means: Map<string, number | null>, better: 'lower' | 'higher'): string[] {
  return [...means.entries()].sort((x, y) => (better === 'lower' ? (x[1] as number) - (y[1] as number) : (y[1] as number) - (x[1] as number))).map(([a]) => a);
}

const sep = (better: 'lower' | 'higher') => (better === 'lower' ? ' < ' : ' > ');

function orderingOrBest(c: Extract<Claim, { kind: 'ordering' | 'best' }>, runs: readonly FigureRun[]): ClaimResult {
  const algos = c.kind === 'ordering' ? c.order : [c.algo, ...c.over];
  const top = algos[0];
  const paper = c.kind === 'ordering' ? algos.map(algoLabel).join(sep(c.better)) : `${algoLabel(top)} ${c.better === 'lower' ? 'lowest' : 'highest'}`;
  const points = claimPoints(runs, c.at);
  if (points.length === 0) return notMeasured(c, paper, `no run records ${c.at?.param}`);
  const found: string[] = [];
  let fullEverywhere = true;
  let bestCount = 0;
  for (const p of points) {
    const means = meansAt(runs, algos, c.quantity, p);
    const missing = algos.filter((a) => means.get(a) === null);
    const where = p ? pointName(p.param, p.value) : 'all runs';
    if (missing.length > 0) return notMeasured(c, paper, `no measured ${missing.map(algoLabel).join(', ')} at ${where}`);
    const order = ranked(means, c.better);
    const bestValue = means.get(order[0]) as number;
    // Ties count for the claim: the claimed best only has to be as good as every other algorithm.
    const topIsBest = means.get(top) === bestValue;
    if (topIsBest) bestCount++;
    if (order.join() !== algos.join()) fullEverywhere = false;
    found.push(`${p ? `${where}: ` : ''}${order.map(algoLabel).join(sep(c.better))}`);
  }
  const measured = found.join('; ');
  const rule =
    c.kind === 'ordering'
      ? `means over seeds of ${quantityPhrase(c.quantity)}; matches: this order at every point; same direction: ${algoLabel(top)} best at every point; else differs`
      : `means over seeds of ${quantityPhrase(c.quantity)}; matches: best at every point; same direction: best at some; else differs`;
  let verdict: Verdict;
  if (c.kind === 'ordering') verdict = fullEverywhere ? 'matches' : bestCount === points.length ? 'same direction' : 'differs';
  else verdict = bestCount === points.length ? 'matches' : bestCount > 0 ? 'same direction' : 'differs';
  return { ...base(c, paper), measured, value: null, difference: null, verdict, rule };
}

function curveOver(runs: readonly FigureRun[], algo: string, q: Quantity, param: FigureParam): { x: number; s: Spread }[] {
  const out: { x: number; s: Spread }[] = [];
  for (const x of measuredPoints(runs, param, algo)) {
    const s = spreadOf([...seedValues(runs, algo, q, { param, value: x }).values()]);
    if (s) out.push({ x, s });
  }
  return out;
}

function trend(c: Extract<Claim, { kind: 'trend' }>, runs: readonly FigureRun[], tol: Tolerances): ClaimResult {
  const paper = `${algoLabel(c.algo)}: ${c.direction === 'flat' ? 'level' : c.direction} with ${PARAM_SYMBOL[c.param]}`;
  const pts = curveOver(runs, c.algo, c.quantity, c.param);
  if (pts.length < 2) return notMeasured(c, paper, `needs at least 2 measured values of ${c.param}, found ${pts.length}`);
  const ys = pts.map((p) => p.s.mean);
  const measured = pts.map((p) => `${pointName(c.param, p.x)}: ${fmt(p.s.mean)}`).join(', ');
  if (c.direction === 'flat') {
    const t = c.tolerance ?? tol.flatRelative;
    const spread = (Math.max(...ys) - Math.min(...ys)) / Math.abs(mean(ys));
    return {
      ...base(c, paper), measured: `${measured} (spread ${(spread * 100).toFixed(1)} %)`, value: null, difference: null,
      verdict: spread <= t ? 'matches' : 'differs',
      rule: `means over seeds of ${quantityPhrase(c.quantity)}; matches: (max - min) / |mean| <= ${t * 100} %; else differs`,
    };
  }
  const up = c.direction === 'increasing';
  const steps = ys.slice(1).map((y, i) => y - ys[i]);
  const monotone = steps.every((d) => (up ? d > 0 : d < 0));
  const net = up ? ys[ys.length - 1] > ys[0] : ys[ys.length - 1] < ys[0];
  return {
    ...base(c, paper), measured, value: null, difference: null,
    verdict: monotone ? 'matches' : net ? 'same direction' : 'differs',
    rule: `means over seeds of ${quantityPhrase(c.quantity)}; matches: every step ${up ? 'up' : 'down'}; same direction: last ${up ? 'above' : 'below'} first; else differs`,
  };
}

function peak(c: Extract<Claim, { kind: 'peak' }>, runs: readonly FigureRun[]): ClaimResult {
  const paper = `${algoLabel(c.algo)}: highest at an interior ${PARAM_SYMBOL[c.param]}`;
  const pts = curveOver(runs, c.algo, c.quantity, c.param);
  if (pts.length < 3) return notMeasured(c, paper, `needs at least 3 measured values of ${c.param}, found ${pts.length}`);
  let k = 0;
  pts.forEach((p, i) => {
    if (p.s.mean > pts[k].s.mean) k = i;
  });
  const interior = k > 0 && k < pts.length - 1;
  return {
    ...base(c, paper),
    measured: `${pts.map((p) => `${pointName(c.param, p.x)}: ${fmt(p.s.mean)}`).join(', ')} (highest at ${pointName(c.param, pts[k].x)})`,
    value: null, difference: null,
    verdict: interior ? 'matches' : 'differs',
    rule: `means over seeds of ${quantityPhrase(c.quantity)}; matches: the highest mean is neither at the smallest nor at the largest value; else differs`,
  };
}

/** Per-seed improvements at one point when both sides have the same seeds, else the improvement of the means. */
function improvementsAt(runs: readonly FigureRun[], c: Extract<Claim, { kind: 'relative' }>, at: { param: FigureParam; value: number } | undefined): number[] | null {
  const ours = seedValues(runs, c.algo, c.quantity, at);
  const theirs = seedValues(runs, c.baseline, c.quantity, at);
  if (ours.size === 0 || theirs.size === 0) return null;
  const paired = [...ours.keys()].every((s) => theirs.has(s)) && ours.size === theirs.size;
  if (paired) return [...ours.entries()].map(([s, v]) => improvementPercent(v, theirs.get(s) as number, c.better));
  return [improvementPercent(mean([...ours.values()]), mean([...theirs.values()]), c.better)];
}

function relative(c: Extract<Claim, { kind: 'relative' }>, runs: readonly FigureRun[], tol: Tolerances): ClaimResult {
  const where = c.at ? ` at ${pointName(c.at.param, c.at.value)}` : c.over ? ` averaged over ${c.over.values.map((v) => pointName(c.over!.param, v)).join(', ')}` : '';
  const paper = `${algoLabel(c.algo)} ${c.paper} % better than ${algoLabel(c.baseline)}${where}`;
  let values: number[];
  if (c.over) {
    const points = c.over.values.map((v) => ({ param: c.over!.param, value: v }));
    const sides = points.map((at) => ({ at, ours: seedValues(runs, c.algo, c.quantity, at), theirs: seedValues(runs, c.baseline, c.quantity, at) }));
    const gap = sides.find((p) => p.ours.size === 0 || p.theirs.size === 0);
    if (gap) return notMeasured(c, paper, `no measured ${algoLabel(c.algo)} and ${algoLabel(c.baseline)} at ${pointName(gap.at.param, gap.at.value)}`);
    // Per seed: the mean over the points of that seed's improvement, for the seeds both sides ran at every point;
    // without such a seed, the mean over the points of the improvement of the means.
    const seeds = [...sides[0].ours.keys()].filter((seed) => sides.every((p) => p.ours.has(seed) && p.theirs.has(seed)));
    values = seeds.length
      ? seeds.map((seed) => mean(sides.map((p) => improvementPercent(p.ours.get(seed) as number, p.theirs.get(seed) as number, c.better))))
      : [mean(sides.map((p) => improvementPercent(mean([...p.ours.values()]), mean([...p.theirs.values()]), c.better)))];
  } else {
    const imp = improvementsAt(runs, c, c.at);
    if (imp === null) return notMeasured(c, paper, `no measured ${algoLabel(c.algo)} and ${algoLabel(c.baseline)}${where}`);
    values = imp;
  }
  const finite = values.filter((v) => Number.isFinite(v));
  const s = spreadOf(finite);
  if (!s) return notMeasured(c, paper, `${algoLabel(c.baseline)} is 0${where}, no percentage`);
  const t = c.tolerance ?? tol.relativePoints;
  const diff = s.mean - c.paper;
  const verdict: Verdict = Math.abs(diff) <= t ? 'matches' : Math.sign(s.mean) === Math.sign(c.paper) && s.mean !== 0 ? 'same direction' : 'differs';
  return {
    ...base(c, paper), measured: fmtSpread(s, ' %'), value: s, difference: diff, verdict,
    rule: `improvement in % of ${quantityPhrase(c.quantity)} per seed; matches: within ±${t} percentage points; same direction: same sign; else differs`,
  };
}

function value(c: Extract<Claim, { kind: 'value' }>, runs: readonly FigureRun[], tol: Tolerances): ClaimResult {
  const where = c.at ? ` at ${pointName(c.at.param, c.at.value)}` : '';
  const paper = `${algoLabel(c.algo)}${where}: ${c.paper}`;
  const s = spreadOf([...seedValues(runs, c.algo, c.quantity, c.at).values()]);
  if (!s) return notMeasured(c, paper, `no measured ${algoLabel(c.algo)}${where}`);
  const t = c.tolerance ?? tol.valueRelative;
  const diff = s.mean - c.paper;
  return {
    ...base(c, paper), measured: fmtSpread(s), value: s, difference: diff,
    verdict: Math.abs(diff) <= t * Math.abs(c.paper) ? 'matches' : 'differs',
    rule: `mean over seeds of ${quantityPhrase(c.quantity)}; matches: within ±${t * 100} % of the paper's value; else differs`,
  };
}

function bounded(c: Extract<Claim, { kind: 'bounded' }>, runs: readonly FigureRun[], tol: Tolerances): ClaimResult {
  const paper = `${algoLabel(c.algo)}: ${c.metric} bounded (no growth at the end)`;
  const t = c.tolerance ?? tol.boundedRelative;
  const ratios: number[] = [];
  for (const r of runs) {
    if (r.algo !== c.algo) continue;
    const y = episodeArrayMeanCurve(r, c.metric).y;
    const q = Math.floor(y.length / 4);
    if (q < 1) continue;
    const last = mean(y.slice(y.length - q));
    const before = mean(y.slice(y.length - 2 * q, y.length - q));
    if (before > 0) ratios.push(last / before);
    else if (last === 0) ratios.push(1);
  }
  const s = spreadOf(ratios);
  if (!s) return notMeasured(c, paper, `needs runs of ${algoLabel(c.algo)} with at least 4 episodes of ${c.metric}`);
  const ok = ratios.every((x) => x <= 1 + t);
  return {
    ...base(c, paper), measured: `last quarter / quarter before: ${fmtSpread(s)}`, value: s, difference: null,
    verdict: ok ? 'matches' : 'differs',
    rule: `per run, mean of the last quarter of the episodes over the quarter before; matches: <= ${1 + t} in every run; else differs`,
  };
}

export function evaluateClaim(c: Claim, runs: readonly FigureRun[], tol: Tolerances): ClaimResult {
  switch (c.kind) {
    case 'ordering':
    case 'best':
      return orderingOrBest(c, runs);
    case 'trend':
      return trend(c, runs, tol);
    case 'peak':
      return peak(c, runs);
    case 'relative':
      return relative(c, runs, tol);
    case 'value':
      return value(c, runs, tol);
    case 'bounded':
      return bounded(c, runs, tol);
  }
}

/** Every claim of `file` about one of `figures`, read against `runs` (the runs of the experiment behind them). */
export function evaluateClaims(file: ClaimsFile, figures: readonly string[], runs: readonly FigureRun[]): ClaimResult[] {
  return file.claims.filter((c) => figures.includes(c.figure)).map((c) => evaluateClaim(c, runs, file.tolerances));
}

export function verdictCounts(results: readonly ClaimResult[]): Record<Verdict, number> {
  const counts: Record<Verdict, number> = { matches: 0, 'same direction': 0, differs: 0, 'not measured': 0 };
  for (const r of results) counts[r.verdict]++;
  return counts;
}
