// Verdicts come from the measured data: hand-made sweep results (eval lines with chosen values) against claims
// of the real claims files, with expected verdicts and percentages worked out by hand.
import { describe, expect, it } from 'vitest';
import { figureCatalog } from '../../src-shared/charts/catalog';
import type { FigureRun } from '../../src-shared/charts/run-data';
import { improvementPercent } from '../../src-shared/claims/measure';
import { claimsFileSchema, type Claim } from '../../src-shared/claims/schema';
import { evaluateClaim, evaluateClaims, verdictCounts } from '../../src-shared/claims/verdict';
import { paperExperiments } from '../../src-main/experiments/paper-experiments';
import { paperClaims } from '../../src-main/report/claims-files';

/** A run whose last evaluation point has `values` (one eval episode). */
function evalRun(algo: string, seed: number, params: FigureRun['params'], values: Record<string, number>): FigureRun {
  return {
    runId: `${algo}-${JSON.stringify(params)}-${seed}`,
    env: 'vec-dnn',
    algo,
    seed,
    params,
    slotsPerEpisode: 30,
    records: [
      { kind: 'episode', episode: 1, wallTimeS: 0, values: { completionTimeSumS: 999 } },
      { kind: 'eval', episode: 1, index: 1, wallTimeS: 0, values },
    ],
  };
}

/** Completion times per algorithm at 3 and 7 CVs, two seeds each (seed 2 is seed 1 + `jitter`). */
function sweep(times: Record<string, [number, number]>, jitter = 0): FigureRun[] {
  const runs: FigureRun[] = [];
  for (const [algo, [t3, t7]] of Object.entries(times)) {
    for (const seed of [1, 2]) {
      const d = seed === 2 ? jitter : 0;
      runs.push(evalRun(algo, seed, { cvCount: 3 }, { completionTimeSumS: t3 + d }));
      runs.push(evalRun(algo, seed, { cvCount: 7 }, { completionTimeSumS: t7 + d }));
    }
  }
  return runs;
}

const p1 = paperClaims(1);
const claim = (id: string): Claim => {
  const c = p1.claims.find((x) => x.id === id);
  if (!c) throw new Error(`no claim ${id}`);
  return c;
};

describe('claims files', () => {
  it('parse, name figures of the catalogue and sweep axes their experiment sweeps', () => {
    for (const paper of [1, 2] as const) {
      const file = paperClaims(paper);
      for (const c of file.claims) {
        const fig = figureCatalog[c.figure];
        expect(fig, c.id).toBeDefined();
        expect(fig.paper, c.id).toBe(paper);
        const exp = paperExperiments.find((e) => e.id === fig.experiment);
        expect(exp?.kind, c.id).toBe('sweep');
        if (exp?.kind !== 'sweep') continue;
        const algos = exp.request.algos.map((a) => a.algo);
        const named = [
          ...('algo' in c ? [c.algo] : []),
          ...('baseline' in c ? [c.baseline] : []),
          ...('over' in c && Array.isArray(c.over) ? c.over : []),
          ...('order' in c ? c.order : []),
        ];
        for (const a of named) expect(algos, `${c.id}: ${a}`).toContain(a);
        const param = 'param' in c ? c.param : 'at' in c && c.at ? c.at.param : 'over' in c && c.over && !Array.isArray(c.over) ? c.over.param : null;
        if (param !== null) expect(Object.keys(exp.request.sweep ?? {}), c.id).toContain(param);
      }
    }
    expect(p1.claims.filter((c) => c.kind === 'relative')).toHaveLength(13);
  });

  it('rejects a duplicate id and an unknown kind with the field named', () => {
    const one = { id: 'a', figure: 'p1-fig8a', section: 's', claim: 'c', kind: 'peak', quantity: { of: 'steady', metric: 'reward' }, algo: 'mad2rl', param: 'cvCount' };
    const dup = claimsFileSchema.safeParse({ paper: 1, title: 't', text: 'x', claims: [one, one] });
    expect(dup.success).toBe(false);
    expect(dup.error?.issues[0].message).toBe("duplicate claim id 'a'");
    expect(claimsFileSchema.safeParse({ paper: 1, title: 't', text: 'x', claims: [{ ...one, kind: 'guess' }] }).success).toBe(false);
  });
});

describe('verdicts', () => {
  it('improvement percent reproduces the gains paper 2 derives from Table III', () => {
    // Sec. VII-C 1): 25.3 % over Ly-MADDPG (-3.412), 43.9 % over Ly-MATD3 (-4.541) from Ly-DTMPPO's -2.549.
    expect(improvementPercent(-2.549, -3.412, 'higher')).toBeCloseTo(25.293, 3);
    expect(improvementPercent(-2.549, -4.541, 'higher')).toBeCloseTo(43.867, 3);
    expect(improvementPercent(10, 20, 'lower')).toBe(50);
    expect(Number.isNaN(improvementPercent(1, 0, 'lower'))).toBe(true);
  });

  it('an intact ordering matches, and the percentages are measured per seed', () => {
    // At 3 CVs: MAD2RL 10, P-QMIX 12, genetic 12.5, greedy 22 (seed 1; seed 2 adds 1 to every value).
    const runs = sweep({ mad2rl: [10, 20], pqmix: [12, 25], genetic: [12.5, 36], greedy: [22, 50] }, 1);
    expect(evaluateClaim(claim('fig8a.order'), runs, p1.tolerances).verdict).toBe('matches');
    expect(evaluateClaim(claim('fig8a.best'), runs, p1.tolerances).verdict).toBe('matches');
    const g = evaluateClaim(claim('fig8a.greedy.3cv'), runs, p1.tolerances);
    // Seed 1: (22 - 10) / 22 = 54.545 %; seed 2: (23 - 11) / 23 = 52.174 %; mean 53.360 %; paper 54.59 %.
    expect(g.value?.mean).toBeCloseTo((12 / 22 + 12 / 23) * 50, 6);
    expect(g.value?.n).toBe(2);
    expect(g.difference).toBeCloseTo((12 / 22 + 12 / 23) * 50 - 54.59, 6);
    expect(g.verdict).toBe('matches');
    // P-QMIX at 3 CVs: (12 - 10) / 12 = 16.67 % and (13 - 11) / 13 = 15.38 %: within 5 points of 19.14 %.
    expect(evaluateClaim(claim('fig8a.pqmix.3cv'), runs, p1.tolerances).verdict).toBe('matches');
    // Genetic at 7 CVs: (36 - 20) / 36 = 44.4 %, (37 - 21) / 37 = 43.2 %: matches 43.94 %.
    expect(evaluateClaim(claim('fig8a.genetic.7cv'), runs, p1.tolerances).verdict).toBe('matches');
    // P-QMIX at 7 CVs: (25 - 20) / 25 = 20 %, (26 - 21) / 26 = 19.2 %: matches 19.93 %.
    expect(evaluateClaim(claim('fig8a.pqmix.7cv'), runs, p1.tolerances).verdict).toBe('matches');
    // Greedy at 7 CVs: 60 % and 58.8 % against 60.06 %.
    expect(evaluateClaim(claim('fig8a.greedy.7cv'), runs, p1.tolerances).verdict).toBe('matches');
    // Every algorithm's completion time rises from 3 to 7 CVs.
    expect(evaluateClaim(claim('fig8a.rise.greedy'), runs, p1.tolerances).verdict).toBe('matches');
  });

  it('a broken ordering yields "differs"', () => {
    // Greedy beats everything at 7 CVs: the order claim differs, MAD2RL is best at 3 CVs only.
    const runs = sweep({ mad2rl: [10, 20], pqmix: [12, 25], genetic: [12.5, 36], greedy: [22, 15] });
    const order = evaluateClaim(claim('fig8a.order'), runs, p1.tolerances);
    expect(order.verdict).toBe('differs');
    expect(order.measured).toBe('3 CVs: MAD2RL < P-QMIX < Genetic algorithm < Greedy algorithm; 7 CVs: Greedy algorithm < MAD2RL < P-QMIX < Genetic algorithm');
    expect(evaluateClaim(claim('fig8a.best'), runs, p1.tolerances).verdict).toBe('same direction');
    // MAD2RL worse than greedy at 7 CVs: (15 - 20) / 15 = -33.3 %, the opposite sign of the paper's 60.06 %.
    const g7 = evaluateClaim(claim('fig8a.greedy.7cv'), runs, p1.tolerances);
    expect(g7.value?.mean).toBeCloseTo(-100 / 3, 6);
    expect(g7.verdict).toBe('differs');
    // Greedy's time falls from 22 to 15 while the claim says it rises.
    expect(evaluateClaim(claim('fig8a.rise.greedy'), runs, p1.tolerances).verdict).toBe('differs');
  });

  it('only P-QMIX and genetic swapped: the order is "same direction", MAD2RL still best', () => {
    const runs = sweep({ mad2rl: [10, 20], pqmix: [13, 37], genetic: [12.5, 36], greedy: [22, 50] });
    expect(evaluateClaim(claim('fig8a.order'), runs, p1.tolerances).verdict).toBe('same direction');
    // Better than genetic by (12.5 - 10) / 12.5 = 20 %, within 5 points of 21.23 % -> matches; better than P-QMIX at 3 CVs by 3/13 = 23.1 % (paper 19.14 %): matches; at 7 CVs by 17/37 = 45.9 % (paper
    // 19.93 %): same sign, 26 points off -> same direction.
    expect(evaluateClaim(claim('fig8a.genetic.3cv'), runs, p1.tolerances).verdict).toBe('matches');
    expect(evaluateClaim(claim('fig8a.pqmix.7cv'), runs, p1.tolerances).verdict).toBe('same direction');
  });

  it('a missing sweep value or algorithm is "not measured", never a guess', () => {
    const runs = sweep({ mad2rl: [10, 20], pqmix: [12, 25], genetic: [12.5, 36] });
    const order = evaluateClaim(claim('fig8a.order'), runs, p1.tolerances);
    expect(order.verdict).toBe('not measured');
    expect(order.rule).toBe('no measured Greedy algorithm at 3 CVs');
    expect(evaluateClaim(claim('fig8a.greedy.3cv'), runs, p1.tolerances).verdict).toBe('not measured');
    const counts = verdictCounts(evaluateClaims(p1, ['p1-fig8a'], []));
    expect(counts['not measured']).toBe(p1.claims.filter((c) => c.figure === 'p1-fig8a').length);
  });

  it('flat, bounded and value claims read their own tolerance', () => {
    const v = (V: number, t: number) => evalRun('mad2rl', 1, { lyapunovV: V }, { completionTimeSumS: t });
    expect(evaluateClaim(claim('fig9b.flat'), [v(1, 10), v(100, 10.9)], p1.tolerances).verdict).toBe('matches'); // 0.9 / 10.45 = 8.6 %
    expect(evaluateClaim(claim('fig9b.flat'), [v(1, 10), v(100, 11.2)], p1.tolerances).verdict).toBe('differs'); // 1.2 / 10.6 = 11.3 %
    const queue = (ys: number[]): FigureRun => ({
      ...evalRun('mad2rl', 1, {}, {}),
      records: ys.map((y, i) => ({ kind: 'episode' as const, episode: i + 1, wallTimeS: 0, values: { queueCvGops: [y, y] } })),
    });
    // Quarters of 8 episodes: last two 5, 5.4 over the two before 5, 5 -> 1.04 <= 1.1.
    expect(evaluateClaim(claim('fig7a.bounded'), [queue([9, 8, 6, 5, 5, 5, 5, 5.4])], p1.tolerances).verdict).toBe('matches');
    expect(evaluateClaim(claim('fig7a.bounded'), [queue([1, 2, 3, 4, 5, 6, 7, 8])], p1.tolerances).verdict).toBe('differs'); // 7.5 / 5.5
    const p2 = paperClaims(2);
    const c = p2.claims.find((x) => x.id === 'fig7b.cost.v50') as Claim;
    const cost = (x: number): FigureRun => ({ ...evalRun('ly-dtmppo', 1, { lyapunovV: 50 }, { costMean: x }), env: 'isac-dt' });
    expect(evaluateClaim(c, [cost(0.6)], p2.tolerances).verdict).toBe('matches'); // 0.6 is 8.7 % above 0.552
    expect(evaluateClaim(c, [cost(0.62)], p2.tolerances).verdict).toBe('differs'); // 12.3 % above
  });
});

describe('averaged percentages (paper 2, Fig. 6a over 2-6 CVs)', () => {
  it('averages each seed over the loads, and needs every load', () => {
    const p2 = paperClaims(2);
    const c = p2.claims.find((x) => x.id === 'fig6a.ly-mappo.mean') as Claim;
    const run = (algo: string, seed: number, cv: number, cost: number): FigureRun => ({ ...evalRun(algo, seed, { cvCount: cv }, { costMean: cost }), env: 'isac-dt' });
    const runs: FigureRun[] = [];
    // Ly-MAPPO costs 1 everywhere; Ly-DTMPPO 0.98 (seed 1) and 0.96 (seed 2): 2 % and 4 % lower at every load.
    for (const cv of [2, 3, 4, 5, 6]) {
      runs.push(run('ly-mappo', 1, cv, 1), run('ly-mappo', 2, cv, 1), run('ly-dtmppo', 1, cv, 0.98), run('ly-dtmppo', 2, cv, 0.96));
    }
    const r = evaluateClaim(c, runs, p2.tolerances);
    expect(r.value?.n).toBe(2);
    expect(r.value?.mean).toBeCloseTo(3, 9);
    expect(r.value?.std).toBeCloseTo(Math.SQRT2, 9);
    expect(r.difference).toBeCloseTo(3 - 2.81, 9);
    expect(r.verdict).toBe('matches');
    const without4 = runs.filter((x) => x.params.cvCount !== 4);
    expect(evaluateClaim(c, without4, p2.tolerances)).toMatchObject({ verdict: 'not measured', rule: 'no measured Ly-DTMPPO and Ly-MAPPO at 4 CVs' });
  });
});
