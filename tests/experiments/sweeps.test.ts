import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { planExperiment } from '../../src-shared/api/experiments';
import { buildFigure, figureCatalog } from '../../src-shared/charts/catalog';
import type { MetricRecord } from '../../src-shared/metrics';
import type { RunRequestInput, RunSummary } from '../../src-shared/schemas/run';
import { runRequestSchema } from '../../src-shared/schemas/run';
import { paperExperiments, sweepDefinition, type PaperSweepExperiment } from '../../src-main/experiments/paper-experiments';
import { checkHyper } from '../../src-main/engine/algorithms-view';
import { MetricsWriter, RUN_FILES, writeJsonAtomic } from '../../src-main/experiments/run-folder';
import { parseScenario } from '../../src-main/experiments/scenarios';
import { loadRunsFrom, loadSweepRuns, readSweepIndex } from '../../src-main/experiments/sweep-results';
import { checkSweepApplied, planSweep, runSweep, type RunLauncher, type SweepDefinition } from '../../src-main/experiments/sweeps';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vecwb-sweep-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/**
 * A launcher that writes a run folder the way the runner does, with completion time = cvCount * algoFactor + seed/10
 * per episode, so the figure built from the sweep has values known in advance. `failAlgo` runs reject.
 */
function fakeLauncher(calls: string[], failAlgo?: string): RunLauncher {
  const finish = (dir: string, req: ReturnType<typeof runRequestSchema.parse>): RunSummary => {
    const scenario = parseScenario(req.env, req.scenario === 'default' ? {} : req.scenario) as { cvs: { count: number } };
    const factor = req.algo === 'greedy' ? 2 : 1;
    const writer = new MetricsWriter(path.join(dir, RUN_FILES.metrics));
    for (let e = 1; e <= req.episodes; e++) {
      const record: MetricRecord = { kind: 'episode', episode: e, wallTimeS: 0.01, values: { reward: -e, completionTimeSumS: scenario.cvs.count * factor + req.seed / 10 } };
      writer.append(record);
    }
    writer.close();
    const summary: RunSummary = {
      runId: path.basename(dir), dir, env: req.env, algo: req.algo, seed: req.seed, status: 'completed',
      episodes: req.episodes, episodesDone: req.episodes, startedAt: new Date().toISOString(), finishedAt: new Date().toISOString(),
      wallTimeS: 0.02, backend: null, means: {}, lastCheckpoint: null, error: null,
    };
    writeJsonAtomic(path.join(dir, RUN_FILES.summary), summary);
    return summary;
  };
  return {
    async start(input: RunRequestInput) {
      const req = runRequestSchema.parse(input);
      calls.push(`start ${req.algo} s${req.seed}`);
      const dir = req.outDir!;
      if (req.algo === failAlgo) throw new Error(`${req.algo} exploded`);
      fs.mkdirSync(dir, { recursive: true });
      writeJsonAtomic(path.join(dir, RUN_FILES.config), {
        runId: path.basename(dir), createdAt: new Date().toISOString(), request: req,
        scenario: parseScenario(req.env, req.scenario === 'default' ? {} : req.scenario), versions: {},
      });
      return { runId: path.basename(dir), dir, cancel() {}, done: Promise.resolve(finish(dir, req)) };
    },
    async resume(dir: string) {
      calls.push(`resume ${path.basename(dir)}`);
      const config = JSON.parse(fs.readFileSync(path.join(dir, RUN_FILES.config), 'utf8'));
      fs.rmSync(path.join(dir, RUN_FILES.metrics), { force: true });
      return { runId: path.basename(dir), dir, cancel() {}, done: Promise.resolve(finish(dir, runRequestSchema.parse(config.request))) };
    },
  };
}

const def: SweepDefinition = {
  id: 'test-cvs',
  title: 'test',
  scale: 'custom',
  figures: ['p1-fig8a'],
  experiment: {
    env: 'vec-dnn', name: 'test-cvs', scenario: { svs: { count: 2 } },
    algos: [{ algo: 'mad2rl' }, { algo: 'greedy' }], episodes: 3, seeds: [1, 2], sweep: { cvCount: [2, 4] },
  },
};

describe('runSweep with an injected launcher', () => {
  it('runs algorithms x values x seeds sequentially, each in its own folder, indexed in sweep.json', async () => {
    const calls: string[] = [];
    const out = path.join(tmp, 'sweep-a');
    const index = await runSweep(def, { outDir: out, launcher: fakeLauncher(calls) });
    expect(index.runs).toHaveLength(8);
    expect(calls).toHaveLength(8);
    expect(index.runs.every((r) => r.status === 'completed')).toBe(true);
    expect(index.runs[0].dir).toBe(path.join('runs', '001-mad2rl-cvCount2-s1'));
    const onDisk = readSweepIndex(out);
    expect(onDisk.runs.map((r) => r.status)).toEqual(Array(8).fill('completed'));
    expect(onDisk.runs[7].summary?.algo).toBe('greedy');

    // The figure from the sweep: completion time = cvCount * factor + seed / 10 -> mean over seeds 1, 2 adds 0.15.
    const { runs } = loadSweepRuns(out);
    expect(runs.map((r) => r.params.cvCount)).toEqual([2, 2, 4, 4, 2, 2, 4, 4]);
    expect(runs[0].slotsPerEpisode).toBe(30);
    expect(runs[0].dnnModelNames).toEqual(['AlexNet', 'ResNet18']);
    const fig = buildFigure('p1-fig8a', { runs });
    const bars = (fig.option as { series: { type: string; name: string; data: number[] }[] }).series.filter((s) => s.type === 'bar');
    expect(bars.map((b) => b.name)).toEqual(['MAD2RL', 'Greedy algorithm']);
    expect(bars[0].data.map((v) => Number(v.toFixed(10)))).toEqual([2.15, 4.15]);
    expect(bars[1].data.map((v) => Number(v.toFixed(10)))).toEqual([4.15, 8.15]);
    // --runs accepts the sweep folder itself, too
    expect(loadRunsFrom([out])).toHaveLength(8);
  });

  it('resumes: completed runs are kept, an unfinished run folder is resumed, missing ones started', async () => {
    const out = path.join(tmp, 'sweep-b');
    await runSweep(def, { outDir: out, launcher: fakeLauncher([]) });
    const index = readSweepIndex(out);
    index.runs[1].status = 'cancelled';
    index.runs[2].status = 'pending';
    fs.rmSync(path.join(out, index.runs[2].dir), { recursive: true });
    writeJsonAtomic(path.join(out, 'sweep.json'), index);
    const calls: string[] = [];
    const after = await runSweep(def, { outDir: out, launcher: fakeLauncher(calls) });
    expect(calls).toEqual(['resume 002-mad2rl-cvCount2-s2', 'start mad2rl s1']);
    expect(after.runs.every((r) => r.status === 'completed')).toBe(true);
  });

  it('records a failed run and goes on; refuses a folder holding another sweep or other files', async () => {
    const out = path.join(tmp, 'sweep-c');
    const index = await runSweep(def, { outDir: out, launcher: fakeLauncher([], 'greedy') });
    expect(index.runs.filter((r) => r.status === 'failed')).toHaveLength(4);
    expect(index.runs.find((r) => r.status === 'failed')?.error).toBe('greedy exploded');
    const other = { ...def, experiment: { ...def.experiment, seeds: [7] } };
    await expect(runSweep(other, { outDir: out, launcher: fakeLauncher([]) })).rejects.toThrow(/holds a different sweep \(test-cvs, scale custom, \d+ episodes per run, \d+ runs\); choose another --out folder or remove it/);
    const busy = path.join(tmp, 'busy');
    fs.mkdirSync(busy);
    fs.writeFileSync(path.join(busy, 'x.txt'), 'x');
    await expect(runSweep(def, { outDir: busy, launcher: fakeLauncher([]) })).rejects.toThrow(/not empty and holds no sweep.json/);
  });

  it('stops after the current run when aborted', async () => {
    const controller = new AbortController();
    const calls: string[] = [];
    const launcher = fakeLauncher(calls);
    const stopping: RunLauncher = {
      start: async (input, hooks) => {
        controller.abort();
        return launcher.start(input, hooks);
      },
      resume: launcher.resume,
    };
    const index = await runSweep(def, { outDir: path.join(tmp, 'sweep-d'), launcher: stopping, signal: controller.signal });
    expect(calls).toHaveLength(1);
    expect(index.runs.filter((r) => r.status === 'pending')).toHaveLength(7);
  });
});

describe('checkSweepApplied', () => {
  it('accepts values that reach the scenario and names the path of one that does not', () => {
    const planned = planExperiment({
      env: 'vec-dnn', name: '', scenario: 'default', algos: [{ algo: 'greedy', hyper: {} }], episodes: 1, seeds: [1],
      sweep: { lyapunovV: [3], cvCount: [], svCount: [4], denoisingSteps: [] }, backend: 'auto', checkpointEvery: 1, slotMetrics: true, evalEvery: 0, evalEpisodes: 1,
    });
    expect(() => checkSweepApplied(planned)).not.toThrow();
    const broken = [{ ...planned[0], sweepValues: { cvCount: 9 } }];
    expect(() => checkSweepApplied(broken)).toThrow(/sweep.cvCount = 9 does not reach the vec-dnn scenario at 'cvs.count'/);
  });
});

describe('paper experiments', () => {
  const sweeps = paperExperiments.filter((e): e is PaperSweepExperiment => e.kind === 'sweep');

  it('feed catalogue figures only, and every catalogue figure has an experiment', () => {
    const fed = new Set(paperExperiments.flatMap((e) => e.figures));
    for (const id of fed) expect(figureCatalog[id]).toBeDefined();
    for (const f of Object.values(figureCatalog)) expect(fed.has(f.id)).toBe(true);
    for (const e of paperExperiments) for (const id of e.figures) expect(figureCatalog[id].experiment).toBe(e.id);
  });

  it('use the papers\' settings: episodes, #CVs/#SVs/V and sweep values', () => {
    const byId = Object.fromEntries(sweeps.map((e) => [e.id, e]));
    expect(byId['p1-cvs'].request.episodes).toBe(1000);
    expect(byId['p1-cvs'].request.sweep?.cvCount).toEqual([3, 4, 5, 6, 7]);
    expect(byId['p1-svs'].request.sweep?.svCount).toEqual([3, 4, 5, 6, 7]);
    expect(byId['p2-convergence'].request.episodes).toBe(1800);
    expect(byId['p2-cvs'].request.sweep?.cvCount).toEqual([2, 3, 4, 5, 6]);
    const p1cvs = parseScenario('vec-dnn', byId['p1-queues'].request.scenario) as { cvs: { count: number }; svs: { count: number }; lyapunovV: number };
    expect([p1cvs.cvs.count, p1cvs.svs.count, p1cvs.lyapunovV]).toEqual([5, 3, 10]);
    const p2 = parseScenario('isac-dt', byId['p2-convergence'].request.scenario) as { cvs: { count: number }; rsus: { count: number }; lyapunov: { controlV: number }; costWeightAlpha: number };
    expect([p2.cvs.count, p2.rsus.count, p2.lyapunov.controlV, p2.costWeightAlpha]).toEqual([5, 3, 5, 0.6]);
  });

  it('plan at paper scale (3 seeds), smoke scale (1 seed, 2 values, 2 short episodes) and quick scale', () => {
    const p1cvs = sweeps.find((e) => e.id === 'p1-cvs')!;
    const paper = planSweep(sweepDefinition(p1cvs, 'paper'));
    expect(paper.runs).toHaveLength(4 * 5 * 3);
    expect(paper.scale).toBe('paper');
    const smoke = planSweep(sweepDefinition(p1cvs, 'smoke'));
    expect(smoke.runs).toHaveLength(4 * 2);
    expect(smoke.scale).toBe('smoke');
    expect([smoke.experiment.episodes, smoke.experiment.evalEvery, smoke.experiment.evalEpisodes]).toEqual([2, 2, 1]);
    expect((smoke.experiment.scenario as { slots: number; cvs: { count: number } }).slots).toBe(5);
    // the experiment's own scenario (5 SVs, V = 10) survives the smoke scenario laid over it
    expect((smoke.experiment.scenario as { svs: { count: number } }).svs.count).toBe(5);
    const quick = planSweep(sweepDefinition(p1cvs, 'quick'));
    expect(quick.runs.map((r) => r.sweepValues.cvCount)).toEqual([3, 7, 3, 7, 3, 7, 3, 7]);
    expect(quick.experiment.episodes).toBe(150);
    // epsilon annealed over 1500 slots for the two learners only; MAD2RL keeps its M = 7
    expect(quick.experiment.algos.map((a) => a.hyper)).toEqual([
      { denoisingSteps: 7, epsilonAnnealSteps: 1500 },
      { epsilonAnnealSteps: 1500 },
      {},
      {},
    ]);
    for (const e of sweeps) {
      for (const scale of ['smoke', 'quick', 'paper'] as const) {
        const plan = planSweep(sweepDefinition(e, scale));
        // every algorithm accepts the hyper-parameters the scale gives it (as the engine checks before queueing)
        plan.experiment.algos.forEach((a, i) => expect(() => checkHyper(plan.experiment.env, a.algo, a.hyper, i)).not.toThrow());
      }
    }
  });

  it('custom scale: episodes, seeds and a base scenario under the experiment settings', () => {
    const p2v = sweeps.find((e) => e.id === 'p2-v')!;
    const base = { energy: { kappaCv: 1e-32, kappaRsu: 1e-34 }, cvs: { count: 2, speedMps: { min: 12, max: 13 } }, lyapunov: { controlV: 77 } };
    const def = sweepDefinition(p2v, 'paper', { episodes: 40, seeds: [7, 8], scenario: { env: 'isac-dt', ...base } });
    expect(def.scale).toBe('custom');
    const plan = planSweep(def);
    expect(plan.experiment.episodes).toBe(40);
    expect(plan.runs.map((r) => r.seed)).toEqual([7, 8, 7, 8, 7, 8, 7, 8]); // 4 V values x 2 seeds
    const scenario = plan.experiment.scenario as { energy: { kappaCv: number; kappaRsu: number }; cvs: { count: number; speedMps: unknown }; lyapunov: { controlV: number } };
    // the base file's energy constants and CV speeds stay; the experiment's #CVs (5) and V win over the file's
    expect(scenario.energy).toEqual({ kappaCv: 1e-32, kappaRsu: 1e-34 });
    expect(scenario.cvs).toEqual({ count: 5, speedMps: { min: 12, max: 13 } });
    expect(scenario.lyapunov.controlV).toBe(5);
    expect(sweepDefinition(p2v, 'paper').scale).toBe('paper');
  });
});

describe('a real tiny sweep through the runner', () => {
  it('runs the isac-dt random policy for 2 seeds and builds Fig. 4 and Table III from it', async () => {
    const tiny: SweepDefinition = {
      id: 'tiny-isac', title: 'tiny', scale: 'custom', figures: ['p2-fig4'],
      experiment: { env: 'isac-dt', name: 'tiny', scenario: { cvs: { count: 2 }, slots: 3 }, algos: [{ algo: 'random' }], episodes: 2, seeds: [1, 2], checkpointEvery: 2 },
    };
    const out = path.join(tmp, 'tiny');
    const index = await runSweep(tiny, { outDir: out });
    expect(index.runs.map((r) => [r.status, r.summary?.episodesDone])).toEqual([['completed', 2], ['completed', 2]]);
    const { runs } = loadSweepRuns(out);
    expect(runs[0].slotsPerEpisode).toBe(3);
    const fig = buildFigure('p2-fig4', { runs }, { window: 1 });
    const mean = (fig.option as { series: { data: number[][] }[] }).series[0].data;
    expect(mean).toHaveLength(2);
    // Fig. 4's value is the episodic reward / T, averaged over the two seeds.
    const ep1 = runs.map((r) => (r.records.find((x) => x.episode === 1)!.values.reward as number) / 3);
    expect(mean[0][1]).toBeCloseTo((ep1[0] + ep1[1]) / 2, 10);
    expect(buildFigure('p2-table3', { runs }).tables[0].rows[0][0]).toBe('Random');
  });
});
