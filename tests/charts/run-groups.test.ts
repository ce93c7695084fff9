import { describe, expect, it } from 'vitest';
import { buildFigure } from '../../src-shared/charts/catalog';
import { evalCurve, wallTimeCurve, type FigureRun } from '../../src-shared/charts/run-data';
import { differingFields, groupName, groupRuns, partLabel, runFacets, sortGroupNames } from '../../src-shared/charts/run-groups';
import type { MetricRecord } from '../../src-shared/metrics';
import type { RunConfig } from '../../src-shared/schemas/run';
import { run } from './fixtures';

function config(algo: string, seed: number, scenario: Record<string, unknown>, extra: Partial<RunConfig['request']> = {}): RunConfig {
  return {
    runId: `${algo}-${seed}-${JSON.stringify(scenario)}`,
    createdAt: `2026-01-0${seed}T00:00:00Z`,
    request: {
      env: 'vec-dnn', scenario: 'default', algo, episodes: 10, seed, runsRoot: '/tmp/r', hyper: {}, backend: 'auto', checkpointEvery: 50,
      slotMetrics: true, evaluate: false, evalEvery: 0, evalEpisodes: 5, outDir: `/tmp/r/${algo}-${seed}`, ...extra,
    },
    scenario: { seed, name: `n${seed}`, ...scenario },
    versions: { node: String(seed) },
  };
}

describe('grouping runs by everything that differs except the seed', () => {
  const configs = [
    config('mad2rl', 1, { lyapunovV: 50, cvs: { count: 5 } }),
    config('mad2rl', 2, { lyapunovV: 50, cvs: { count: 5 } }),
    config('mad2rl', 1, { lyapunovV: 10, cvs: { count: 5 } }),
    config('greedy', 1, { lyapunovV: 50, cvs: { count: 2 } }, { hyper: { lr: 0.001 } }),
  ];
  const input = configs.map((c, i) => ({
    run: { ...run(c.request.algo, c.request.seed, {}, [{ reward: i, completionTimeSumS: 1 }, { reward: i + 2, completionTimeSumS: 3 }]), runId: `r${i}` },
    config: c,
  }));

  it('ignores seeds, names, ids, times and folders; finds the fields that differ', () => {
    const f = runFacets(configs[0]);
    expect([...f.keys()].some((k) => /seed|name|runId|createdAt|outDir|versions|runsRoot/.test(k))).toBe(false);
    expect(f.get('scenario.lyapunovV')).toBe('50');
    expect(differingFields([runFacets(configs[0]), runFacets(configs[1])])).toEqual([]);
    expect(differingFields(configs.map(runFacets))).toEqual(['request.algo', 'scenario.lyapunovV', 'scenario.cvs.count', 'request.hyper.lr']);
  });

  it('names a setting once when the request carries its own scenario object (sweeps from the UI)', () => {
    const a = config('greedy', 1, { lyapunovV: 1 }, { scenario: { lyapunovV: 1, cvs: { count: 7 } } });
    const b = config('greedy', 1, { lyapunovV: 100 }, { scenario: { lyapunovV: 100, cvs: { count: 7 } } });
    expect(differingFields([runFacets(a), runFacets(b)])).toEqual(['scenario.lyapunovV']);
  });

  it('labels groups and runs by what differs, seeds of one setting share a group', () => {
    const g = groupRuns(input);
    expect(g.fields).toEqual(['request.algo', 'scenario.lyapunovV', 'scenario.cvs.count', 'request.hyper.lr', 'request.seed']);
    expect(g.runs.map((r) => groupName(r))).toEqual([
      'MAD2RL · V=50 · 5 CVs · lr=default',
      'MAD2RL · V=50 · 5 CVs · lr=default',
      'MAD2RL · V=10 · 5 CVs · lr=default',
      'Greedy algorithm · V=50 · 2 CVs · lr=0.001',
    ]);
    expect(g.runLabels.get('r1')).toBe('MAD2RL · V=50 · 5 CVs · lr=default · s2');
    // Paper order of algorithms, then numbers as numbers (V=10 before V=50).
    expect(g.groups).toEqual(['MAD2RL · V=10 · 5 CVs · lr=default', 'MAD2RL · V=50 · 5 CVs · lr=default', 'Greedy algorithm · V=50 · 2 CVs · lr=0.001']);
    // A sweep figure over V leaves V out of its series names.
    expect(groupName(g.runs[0], ['lyapunovV'])).toBe('MAD2RL · 5 CVs · lr=default');
  });

  it('groups by the chosen fields only; the seed as a field shows every run alone', () => {
    expect(new Set(groupRuns(input, ['scenario.cvs.count']).runs.map((r) => groupName(r)))).toEqual(new Set(['MAD2RL · 5 CVs', 'Greedy algorithm · 2 CVs']));
    const bySeed = groupRuns(input, ['request.seed']);
    expect(bySeed.runs.map((r) => groupName(r))).toEqual(['MAD2RL · s1', 'MAD2RL · s2', 'MAD2RL · s1', 'Greedy algorithm · s1']);
    expect(bySeed.runLabels.get('r1')).toBe('MAD2RL · s2');
  });

  it('Fig. 6b averages only runs of one group: V=10 and V=50 are separate curves', () => {
    const r = buildFigure('p1-fig6b', { runs: groupRuns(input).runs }, { window: 1 });
    expect((r.option as { legend: { data: string[] } }).legend.data).toEqual([
      'MAD2RL · V=10 · 5 CVs · lr=default',
      'MAD2RL · V=50 · 5 CVs · lr=default',
      'Greedy algorithm · V=50 · 2 CVs · lr=0.001',
    ]);
    // V=50 group = runs 0 and 1: rewards (0, 2) and (1, 3) -> mean 0.5, 2.5.
    const t = r.tables[0];
    const col = t.columns.findIndex((c) => c.name === 'MAD2RL · V=50 · 5 CVs · lr=default mean');
    expect(t.rows.map((row) => row[col])).toEqual([0.5, 2.5]);
  });

  it('Fig. 8a: one series per group without the swept #CVs', () => {
    const runs = groupRuns(input).runs.map((r, i) => ({ ...r, params: { cvCount: i === 3 ? 2 : 5 } }));
    const r = buildFigure('p1-fig8a', { runs });
    expect((r.option as { legend: { data: string[] } }).legend.data).toEqual(['MAD2RL · V=10 · lr=default', 'MAD2RL · V=50 · lr=default', 'Greedy algorithm · V=50 · lr=0.001']);
  });

  it('part labels of known and other fields', () => {
    expect(partLabel('scenario.svs.count', '1')).toBe('1 SV');
    expect(partLabel('request.env', '"isac-dt"')).toBe('paper 2');
    expect(partLabel('scenario.lyapunov.controlV', '0.5')).toBe('V=0.5');
    expect(partLabel('request.hyper.denoisingSteps', '5')).toBe('M=5');
    expect(partLabel('scenario.rsu.cpuHz', undefined)).toBe('rsu.cpuHz=default');
    expect(sortGroupNames(['P-QMIX · V=5', 'MAD2RL · V=50', 'MAD2RL · V=5'])).toEqual(['MAD2RL · V=5', 'MAD2RL · V=50', 'P-QMIX · V=5']);
  });
});

describe('evaluation points and wall time', () => {
  const records: MetricRecord[] = [
    { kind: 'episode', episode: 1, wallTimeS: 2, values: { reward: -10 } },
    { kind: 'episode', episode: 2, wallTimeS: 3, values: { reward: -8 } },
    { kind: 'eval', episode: 2, index: 1, wallTimeS: 1, values: { reward: -4 } },
    { kind: 'eval', episode: 2, index: 2, wallTimeS: 1, values: { reward: -6 } },
    { kind: 'episode', episode: 3, wallTimeS: 4, values: { reward: -7 } },
    { kind: 'eval', episode: 3, index: 1, wallTimeS: 1, values: { reward: -2 } },
  ];
  const r: FigureRun = { runId: 'a', env: 'vec-dnn', algo: 'mad2rl', seed: 1, params: {}, slotsPerEpisode: 30, records };

  it('evalCurve: one point per evaluation, the mean of its episodes', () => {
    expect(evalCurve(r, 'reward')).toEqual({ x: [2, 3], y: [-5, -2] });
  });

  it('wallTimeCurve: x is the running sum of the episode durations', () => {
    expect(wallTimeCurve(r, 'reward')).toEqual({ x: [2, 5, 9], y: [-10, -8, -7] });
  });

  it('Fig. 6b draws the evaluation points as a labelled marker series and tabulates them', () => {
    const res = buildFigure('p1-fig6b', { runs: [r] }, { window: 1 });
    const series = (res.option as { series: { name: string; data: number[][]; symbol?: string }[] }).series;
    const ev = series.find((s) => s.name === 'MAD2RL (exploration off)');
    expect(ev?.data.map((p) => p.slice(0, 2))).toEqual([[2, -5], [3, -2]]);
    expect(ev?.symbol).toBe('diamond');
    const t = res.tables[0];
    expect(t.columns.map((c) => c.name)).toContain('MAD2RL (exploration off) mean');
  });

  it('leaves runs of the other paper out of a figure and says so', () => {
    const p2 = { ...r, runId: 'b', env: 'isac-dt' as const, algo: 'ly-dtmppo' };
    const res = buildFigure('p1-fig6b', { runs: [r, p2] }, { window: 1 });
    expect((res.option as { legend: { data: string[] } }).legend.data).toEqual(['MAD2RL', 'MAD2RL (exploration off)']);
    expect(res.warnings[0]).toBe('1 run(s) of paper 2 left out: Fig. 6b of paper 1 is built from vec-dnn runs');
  });
});
