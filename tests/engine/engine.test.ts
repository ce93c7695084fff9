import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src-main/engine/engine';
import type { ApiEvent, ApiMethod, ApiParams, ApiResult } from '../../src-shared/api/contract';
import type { CallOutcome } from '../../src-shared/api/wire';
import { pngSize } from '../../src-main/export/figure-render';
import { loadFigureRun } from '../../src-main/experiments/sweep-results';
import { toFigureRun } from '../../src-shared/api/figure-runs';
import { FakeExecutor } from './fake-executor';

const engines: Engine[] = [];
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'vecwb-engine-'));

function make(opts: { workers?: number; actDelayMs?: number; runsRoot?: string } = {}) {
  const executor = new FakeExecutor({ actDelayMs: opts.actDelayMs });
  const engine = createEngine({ runsRoot: opts.runsRoot ?? tmp(), shell: 'web', workers: opts.workers ?? 2, executor });
  const events: ApiEvent[] = [];
  engine.onEvent((e) => events.push(e));
  engines.push(engine);
  return { engine, executor, events };
}

async function ok<M extends ApiMethod>(engine: Engine, method: M, params: ApiParams<M>): Promise<ApiResult<M>> {
  const outcome = await engine.call(method, params);
  if (!outcome.ok) throw new Error(`${method} failed: ${outcome.error.message} ${JSON.stringify(outcome.error.issues)}`);
  return outcome.result as ApiResult<M>;
}

function failed(outcome: CallOutcome) {
  if (outcome.ok) throw new Error('expected the call to fail');
  return outcome.error;
}

afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.close()));
});

describe('engine: experiments and runs', () => {
  it('expands algorithms x sweep x seeds, runs at most `workers` at once, and lists the run folders with tags', async () => {
    const { engine, events } = make({ workers: 2 });
    const started = await ok(engine, 'experiments.start', {
      algos: [{ algo: 'greedy' }, { algo: 'random' }],
      episodes: 2,
      seeds: [1, 2],
      sweep: { cvCount: [3, 5] },
    });
    expect(started.jobs).toHaveLength(8);
    expect(new Set(started.jobs.map((j) => j.experimentId))).toEqual(new Set([started.experimentId]));
    await Promise.all(started.jobs.map((j) => engine.jobs.whenFinished(j.jobId)));
    await new Promise((r) => setTimeout(r, 150)); // the coalesced jobs.changed event

    for (const e of events) {
      if (e.event !== 'jobs.changed') continue;
      const busy = e.payload.jobs.filter((j) => j.state === 'starting' || j.state === 'running' || j.state === 'paused');
      expect(busy.length).toBeLessThanOrEqual(2);
    }
    const jobs = await ok(engine, 'jobs.list', {});
    expect(jobs.map((j) => j.state)).toEqual(new Array(8).fill('completed'));

    const runs = await ok(engine, 'runs.list', {});
    expect(runs).toHaveLength(8);
    expect(new Set(runs.map((r) => r.tags.cvCount))).toEqual(new Set([3, 5]));
    expect(runs.every((r) => r.tags.svCount === 5 && r.tags.lyapunovV === 10 && r.tags.denoisingSteps === null)).toBe(true);
    // Seeds share a group; algorithm and #CVs separate groups.
    expect(new Set(runs.map((r) => r.group)).size).toBe(4);
    expect(runs.every((r) => r.live === false && r.summary.status === 'completed')).toBe(true);

    // Episode 1 reward of seed s: sum over slots 1..3 of -(slot + s)/10 = -(6 + 3 s)/10.
    const seed2 = runs.find((r) => r.summary.seed === 2)!;
    const detail = await ok(engine, 'runs.get', { runId: seed2.summary.runId, slots: 'last-episode' });
    expect(detail.episodes.map((e) => e.episode)).toEqual([1, 2]);
    expect(detail.episodes[0].values.reward).toBeCloseTo(-1.2, 12);
    expect(detail.slots.map((s) => [s.episode, s.slot])).toEqual([[2, 1], [2, 2], [2, 3]]);
    const all = await ok(engine, 'runs.get', { runId: seed2.summary.runId, slots: 'all' });
    expect(all.slots).toHaveLength(6);
    expect((await ok(engine, 'runs.get', { runId: seed2.summary.runId, slots: 'none' })).slots).toHaveLength(0);

    // Records and progress were streamed as events with the run id.
    const recordEvents = events.filter((e): e is Extract<ApiEvent, { event: 'run.records' }> => e.event === 'run.records');
    const ofSeed2 = recordEvents.filter((e) => e.payload.runId === seed2.summary.runId).flatMap((e) => e.payload.records);
    expect(ofSeed2.filter((r) => r.kind === 'slot')).toHaveLength(6);
    expect(ofSeed2.filter((r) => r.kind === 'episode')).toHaveLength(2);
    expect(events.some((e) => e.event === 'job.progress')).toBe(true);
  });

  it('compares configs: differing fields only, bookkeeping fields left out', async () => {
    const { engine } = make();
    const { jobs } = await ok(engine, 'experiments.start', { algos: [{ algo: 'greedy' }], episodes: 1, seeds: [1, 2], sweep: { lyapunovV: [5] } });
    await Promise.all(jobs.map((j) => engine.jobs.whenFinished(j.jobId)));
    const runs = await ok(engine, 'runs.list', {});
    const rows = await ok(engine, 'runs.compare', { runIds: runs.map((r) => r.summary.runId) });
    const paths = rows.map((r) => r.path);
    expect(paths).toContain('request.seed');
    expect(paths.some((p) => /runId|createdAt|outDir|versions/.test(p))).toBe(false);
    // The renderer's FigureRun (from runs.get) equals the one the export and `vecwb export-figure` load.
    for (const r of runs) {
      const detail = await ok(engine, 'runs.get', { runId: r.summary.runId, slots: 'none' });
      const live = toFigureRun(r.summary.runId, detail.config, detail.item.tags, [...detail.episodes, ...detail.evals]);
      expect(live).toEqual(loadFigureRun(path.join(engine.runsRoot, r.summary.runId)));
      expect(live.params).toEqual({ lyapunovV: 5, cvCount: 7, svCount: 5 });
    }
    const seedRow = rows.find((r) => r.path === 'request.seed')!;
    expect(new Set(seedRow.values)).toEqual(new Set(['1', '2']));
    expect(runs.every((r) => r.tags.lyapunovV === 5)).toBe(true);
  });

  it('pauses, resumes and cancels a running job; a cancelled run keeps its lines', async () => {
    const { engine } = make({ actDelayMs: 15 });
    const { jobs } = await ok(engine, 'experiments.start', { algos: [{ algo: 'greedy' }], episodes: 200, seeds: [3] });
    const jobId = jobs[0].jobId;
    for (let i = 0; i < 200 && engine.jobs.get(jobId).state !== 'running'; i++) await new Promise((r) => setTimeout(r, 10));
    expect((await ok(engine, 'jobs.control', { jobId, action: 'pause' })).state).toBe('paused');
    // The slot in flight finishes, then nothing moves.
    await new Promise((r) => setTimeout(r, 60));
    const progressAtPause = engine.jobs.get(jobId).progress;
    await new Promise((r) => setTimeout(r, 100));
    expect(engine.jobs.get(jobId).progress).toEqual(progressAtPause);
    expect((await ok(engine, 'runs.list', {}))[0].live).toBe(true);
    expect((await ok(engine, 'jobs.control', { jobId, action: 'resume' })).state).toBe('running');
    await new Promise((r) => setTimeout(r, 80));
    await ok(engine, 'jobs.control', { jobId, action: 'cancel' });
    await engine.jobs.whenFinished(jobId);
    const job = engine.jobs.get(jobId);
    expect(job.state).toBe('cancelled');
    const detail = await ok(engine, 'runs.get', { runId: job.runId!, slots: 'all' });
    expect(detail.item.summary.status).toBe('cancelled');
    expect(detail.item.summary.episodesDone).toBeLessThan(200);
    expect(detail.slots.length).toBeGreaterThan(0);
    // A finished job cannot be controlled again.
    expect(failed(await engine.call('jobs.control', { jobId, action: 'resume' })).code).toBe('user');
  });

  it('holds and drops queued jobs without starting them', async () => {
    const { engine, executor } = make({ workers: 1, actDelayMs: 5 });
    const { jobs } = await ok(engine, 'experiments.start', { algos: [{ algo: 'greedy' }], episodes: 3, seeds: [1, 2, 3] });
    expect((await ok(engine, 'jobs.control', { jobId: jobs[1].jobId, action: 'pause' })).state).toBe('paused');
    expect((await ok(engine, 'jobs.control', { jobId: jobs[2].jobId, action: 'cancel' })).state).toBe('cancelled');
    await engine.jobs.whenFinished(jobs[0].jobId);
    await new Promise((r) => setTimeout(r, 50));
    expect(engine.jobs.get(jobs[1].jobId).state).toBe('paused');
    expect(executor.started).toHaveLength(1);
    await ok(engine, 'jobs.control', { jobId: jobs[1].jobId, action: 'resume' });
    await engine.jobs.whenFinished(jobs[1].jobId);
    expect(engine.jobs.get(jobs[1].jobId).state).toBe('completed');
    expect(executor.started).toHaveLength(2);
  });

  it('a paused run frees its worker: the next queued run starts; resumed, it waits for a free worker', async () => {
    const { engine, executor } = make({ workers: 1, actDelayMs: 10 });
    const { jobs } = await ok(engine, 'experiments.start', { algos: [{ algo: 'greedy' }], episodes: 40, seeds: [1, 2] });
    const [a, b] = jobs.map((j) => j.jobId);
    for (let i = 0; i < 300 && engine.jobs.get(a).state !== 'running'; i++) await new Promise((r) => setTimeout(r, 10));
    expect(engine.jobs.get(b).state).toBe('queued');
    expect((await ok(engine, 'jobs.control', { jobId: a, action: 'pause' })).state).toBe('paused');
    for (let i = 0; i < 300 && engine.jobs.get(b).state !== 'running'; i++) await new Promise((r) => setTimeout(r, 10));
    expect(engine.jobs.get(b).state).toBe('running');
    expect(executor.started).toHaveLength(2);
    // The worker is busy with b: a resumed run waits (queued) instead of running beside it.
    expect((await ok(engine, 'jobs.control', { jobId: a, action: 'resume' })).state).toBe('queued');
    await ok(engine, 'jobs.control', { jobId: b, action: 'cancel' });
    await engine.jobs.whenFinished(b);
    for (let i = 0; i < 300 && engine.jobs.get(a).state !== 'running'; i++) await new Promise((r) => setTimeout(r, 10));
    expect(engine.jobs.get(a).state).toBe('running');
    await ok(engine, 'jobs.control', { jobId: a, action: 'cancel' });
    await engine.jobs.whenFinished(a);
  });

  it('algorithms.list describes every hyper-parameter from its schema: type, range, choices, help and unit', async () => {
    const { engine } = make();
    for (const env of ['vec-dnn', 'isac-dt'] as const) {
      for (const algo of await ok(engine, 'algorithms.list', { env })) {
        for (const f of algo.hyperFields) expect(f.help, `${env} ${algo.name}.${f.key}`).not.toBe('');
        expect(algo.hyperFields.map((f) => f.key)).toEqual(expect.arrayContaining(Object.keys(algo.hyperDefaults)));
      }
    }
    const mad2rl = (await ok(engine, 'algorithms.list', { env: 'vec-dnn' })).find((a) => a.name === 'mad2rl')!;
    const field = (k: string) => mad2rl.hyperFields.find((f) => f.key === k)!;
    expect(field('mixer')).toMatchObject({ type: 'enum', options: ['qmix', 'vdn', 'independent'], default: 'qmix' });
    expect(field('denoisingSteps')).toMatchObject({ type: 'integer', min: 1, max: 100, unit: 'steps' });
    expect(field('lr')).toMatchObject({ type: 'number', min: 0, minExclusive: true, max: 1 });
    expect(field('hidden').type).toBe('list');
    expect(field('threads')).toMatchObject({ type: 'choice', options: ['auto'], min: 1, max: 16 });
  });

  it('refuses bad experiments before queueing anything', async () => {
    const { engine, executor } = make();
    const bad = failed(await engine.call('experiments.start', { algos: [{ algo: 'greedy' }], episodes: 1, scenario: { cvs: { count: 0 } } }));
    expect(bad.code).toBe('validation');
    expect(bad.issues.map((i) => i.path)).toContain('scenario.cvs.count');
    expect(failed(await engine.call('experiments.start', { algos: [{ algo: 'nope' }], episodes: 1 })).message).toMatch(/unknown algorithm 'nope'/);
    expect(failed(await engine.call('experiments.start', { algos: [], episodes: 1 })).issues[0].path).toBe('algos');
    const tooMany = failed(await engine.call('experiments.start', { algos: [{ algo: 'greedy' }], episodes: 1, seeds: Array.from({ length: 32 }, (_, i) => i), sweep: { cvCount: [1, 2, 3, 4], svCount: [1, 2, 3, 4] } }));
    expect(tooMany.message).toMatch(/more than 400 runs/);
    const plan = await ok(engine, 'experiments.plan', { algos: [{ algo: 'greedy' }, { algo: 'mad2rl' }], episodes: 1, sweep: { denoisingSteps: [3, 7] } });
    // The denoising axis multiplies MAD2RL only.
    expect(plan.labels).toEqual(['greedy seed 1', 'mad2rl M=3 seed 1', 'mad2rl M=7 seed 1']);
    expect(executor.started).toHaveLength(0);
  });

  it('plans paper-2 experiments with its own knob for V and refuses #SV sweeps', async () => {
    const { engine } = make();
    const plan = await ok(engine, 'experiments.plan', { env: 'isac-dt', algos: [{ algo: 'ly-dtmppo' }], episodes: 1, sweep: { lyapunovV: [1, 5], cvCount: [2] } });
    expect(plan.labels).toEqual(['ly-dtmppo V=1 #CV=2 seed 1', 'ly-dtmppo V=5 #CV=2 seed 1']);
    const bad = failed(await engine.call('experiments.plan', { env: 'isac-dt', algos: [{ algo: 'ly-dtmppo' }], episodes: 1, sweep: { svCount: [2] } }));
    expect(bad.message).toBe("sweep.svCount: env 'isac-dt' has no such setting");
    const badV = failed(await engine.call('experiments.plan', { env: 'isac-dt', algos: [{ algo: 'ly-mappo' }], episodes: 1, scenario: { lyapunov: { controlV: -1 } } }));
    expect(badV.issues.map((i) => i.path)).toEqual(['scenario.lyapunov.controlV']);
  });

  it('resume refuses a complete run without a larger episode total', async () => {
    const { engine } = make();
    const { jobs } = await ok(engine, 'experiments.start', { algos: [{ algo: 'greedy' }], episodes: 1 });
    await engine.jobs.whenFinished(jobs[0].jobId);
    const runId = engine.jobs.get(jobs[0].jobId).runId!;
    expect(failed(await engine.call('runs.resume', { runId })).message).toMatch(/is complete \(1 episodes\)/);
    expect(failed(await engine.call('runs.get', { runId: '../etc' })).code).toBe('validation');
    expect(failed(await engine.call('runs.get', { runId: 'no-such-run' })).code).toBe('not-found');
  });
});

describe('engine: scenarios, models, state, exports', () => {
  it('validates scenarios with field paths and gives the paper defaults', async () => {
    const { engine } = make();
    const def = await ok(engine, 'scenario.default', { env: 'vec-dnn' });
    expect((def.cvs as { count: number }).count).toBe(7);
    expect(def.lyapunovV).toBe(10);
    const bad = await ok(engine, 'scenario.validate', { env: 'vec-dnn', scenario: { cvs: { count: 0 }, rsu: { cpuHz: -1 } } });
    expect(bad.ok).toBe(false);
    expect(bad.issues.map((i) => i.path).sort()).toEqual(['cvs.count', 'rsu.cpuHz']);
    const good = await ok(engine, 'scenario.validate', { env: 'vec-dnn', scenario: { cvs: { count: 3 } } });
    expect(good.ok).toBe(true);
    expect((good.scenario!.svs as { count: number }).count).toBe(5);
    const presets = await ok(engine, 'scenario.presets', {});
    expect(presets.find((p) => p.id === 'paper1-fig7')!.scenario).toMatchObject({ cvs: { count: 5 }, svs: { count: 3 } });
  });

  it('profiles a layer table (eqs. 3, 6) and reports bad cells by row and field', async () => {
    const { engine } = make();
    const presets = await ok(engine, 'models.presets', {});
    const alexnet = presets.find((m) => m.name === 'AlexNet')!;
    const res = await ok(engine, 'models.profile', { model: alexnet, bytesPerElement: 4 });
    expect(res.ok).toBe(true);
    const conv1 = res.profile!.layers[0];
    // conv1: 224x224x3 -> 55x55x64 (kernel 11, stride 4, padding 2); 2 * 55 * 55 * (3 * 121 + 1) * 64 operations.
    expect(conv1.outputElements).toBe(55 * 55 * 64);
    expect(conv1.outputBytes).toBe(55 * 55 * 64 * 4);
    expect(conv1.workloadOps).toBe(2 * 55 * 55 * (3 * 121 + 1) * 64);
    expect(res.profile!.inputBytes).toBe(224 * 224 * 3 * 4);
    expect(res.profile!.totalOps).toBeCloseTo(res.profile!.units.reduce((s, u) => s + u.workloadOps, 0), 3);

    const broken = structuredClone(alexnet) as { layers: Record<string, unknown>[] };
    broken.layers[0].kernel = 0;
    const bad = await ok(engine, 'models.profile', { model: broken, bytesPerElement: 4 });
    expect(bad.ok).toBe(false);
    expect(bad.profile).toBeNull();
    expect(bad.issues.find((i) => i.path === 'layers.0.kernel')?.message).toBe('kernel must be >= 1; got 0; allowed 1..100000 (integer)');
  });

  it('previews highway mobility per slot and warns (not fails) when a vehicle leaves the RSU coverage', async () => {
    const { engine } = make();
    const preview = await ok(engine, 'scenario.preview', { env: 'vec-dnn', scenario: { cvs: { count: 3 }, svs: { count: 2 }, slots: 10 }, episodeSeed: 4 });
    expect(preview.slots).toBe(10);
    expect(preview.vehicles.map((v) => `${v.role}:${v.id}`)).toEqual(['cv:cv1', 'cv:cv2', 'cv:cv3', 'sv:sv1', 'sv:sv2']);
    for (const v of preview.vehicles) {
      expect(v.x).toHaveLength(10);
      // Constant speed in [20, 30] m/s (clipped normal) over tau = 1 s slots.
      const speed = v.x[1] - v.x[0];
      expect(speed).toBeGreaterThanOrEqual(20);
      expect(speed).toBeLessThanOrEqual(30);
      expect(v.x[9] - v.x[0]).toBeCloseTo(9 * speed, 9);
    }
    expect(preview.rsu).toEqual({ x: 500, y: -10, coverageRadiusM: 1000 });
    expect(preview.warning).toBeNull();
    const narrow = await ok(engine, 'scenario.preview', { env: 'vec-dnn', scenario: { rsu: { coverageRadiusM: 100 } } });
    expect(narrow.warning).toMatch(/leaves the RSU coverage at slot \d+/);
  });

  it('imports a SUMO FCD trace into the runs folder and previews the chosen window', async () => {
    const { engine } = make();
    const xml = fs.readFileSync(path.join(import.meta.dirname, '../fixtures/sumo/highway.fcd.xml'), 'utf8');
    const imported = await ok(engine, 'scenario.importTrace', { fileName: '../../evil name.fcd.xml', xml });
    expect(path.dirname(imported.file)).toBe(path.join(engine.runsRoot, '_traces'));
    expect(path.basename(imported.file)).toMatch(/^evil_name-[0-9a-f]{10}\.fcd\.xml$/);
    expect(imported.vehicleIds.slice(0, 3)).toEqual(['veh00', 'veh01', 'veh02']);
    expect(imported.firstTimeS).toBe(0);
    // every car stays to the end (60 s); car k enters at floor(k / 2) s
    expect(imported.vehicles).toHaveLength(20);
    expect(imported.vehicles[0]).toEqual({ id: 'veh00', firstTimeS: 0, lastTimeS: 60 });
    expect(imported.vehicles[19]).toEqual({ id: 'veh19', firstTimeS: 10, lastTimeS: 60 });
    const preview = await ok(engine, 'scenario.preview', {
      env: 'vec-dnn',
      scenario: { cvs: { count: 2 }, svs: { count: 1 }, slots: 5, mobility: { kind: 'sumo-fcd', file: imported.file, cvIds: ['veh00', 'veh01'], svIds: ['veh02'], startTimeS: 2 } },
    });
    expect(preview.vehicles.map((v) => v.id)).toEqual(['veh00', 'veh01', 'veh02']);
    // veh00 at trace time 2 s, the first slot of the window.
    const t2 = /<timestep time="2.00">\s*<vehicle id="veh00" x="([\d.]+)" y="([-\d.]+)"/.exec(xml)!;
    expect(preview.vehicles[0].x[0]).toBeCloseTo(Number(t2[1]), 9);
    expect(preview.vehicles[0].y[0]).toBeCloseTo(Number(t2[2]), 9);
    const bad = failed(await engine.call('scenario.importTrace', { fileName: 'x.xml', xml: '<fcd-export></fcd-export>' }));
    expect(bad.message).toMatch(/no <vehicle> entries/);
    expect(fs.readdirSync(path.join(engine.runsRoot, '_traces'))).toHaveLength(1);
  });

  it('persists the UI state across engine instances', async () => {
    const root = tmp();
    const a = make({ runsRoot: root }).engine;
    const initial = await ok(a, 'state.get', {});
    expect(initial.layout.activeView).toBe('home');
    await ok(a, 'state.update', { layout: { activeView: 'live', smoothingWindow: 25 }, openRunIds: ['r1'] });
    await ok(a, 'state.update', { layout: { chartColumns: 3 } });
    const b = make({ runsRoot: root }).engine;
    const restored = await ok(b, 'state.get', {});
    expect(restored.layout).toMatchObject({ activeView: 'live', smoothingWindow: 25, chartColumns: 3 });
    expect(restored.openRunIds).toEqual(['r1']);
    expect(failed(await b.call('state.update', { layout: { smoothingWindow: 0 } })).issues[0].path).toBe('layout.smoothingWindow');
  });

  it('exports run data and figures into the run folder and reads only exported files under the runs root', async () => {
    const { engine } = make();
    const { jobs } = await ok(engine, 'experiments.start', { algos: [{ algo: 'greedy' }], episodes: 3, seeds: [1, 2] });
    await Promise.all(jobs.map((j) => engine.jobs.whenFinished(j.jobId)));
    const runIds = jobs.map((j) => engine.jobs.get(j.jobId).runId!);

    const [xlsx] = await ok(engine, 'export.data', { runIds: [runIds[0]], format: 'xlsx' });
    expect(xlsx.path.startsWith(path.join(engine.runsRoot, runIds[0], 'exports'))).toBe(true);
    const read = await ok(engine, 'export.read', { path: xlsx.path });
    const bytes = Buffer.from(read.base64, 'base64');
    expect(bytes.length).toBe(xlsx.bytes);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');

    const csv = await ok(engine, 'export.data', { runIds: [runIds[0]], format: 'csv' });
    const rewardCsv = csv.find((f) => f.fileName === 'reward.csv')!;
    const lines = fs.readFileSync(rewardCsv.path, 'utf8').trim().split('\r\n');
    expect(lines[0]).toBe('episode,reward');
    expect(Number(lines[1].split(',')[1])).toBeCloseTo(-0.9, 12);

    const svg = await ok(engine, 'export.figure', { figureId: 'p1-fig6b', runIds, format: 'svg', widthPx: 720, heightPx: 480 });
    expect(svg.path.startsWith(path.join(engine.runsRoot, '_exports'))).toBe(true);
    expect(fs.readFileSync(svg.path, 'utf8')).toMatch(/^<svg[^>]*width="720"[^>]*height="480"/);
    const png = await ok(engine, 'export.figure', { figureId: 'p1-fig6b', runIds, format: 'png', widthPx: 720, heightPx: 480, scale: 2 });
    expect(pngSize(fs.readFileSync(png.path))).toEqual({ width: 1440, height: 960 });
    const logSweep = await ok(engine, 'export.figure', { figureId: 'p1-fig8a', runIds, format: 'svg', yScale: 'log' });
    expect(fs.readFileSync(logSweep.path, 'utf8')).toContain('log scale');
    expect(failed(await engine.call('export.figure', { figureId: 'p1-fig8a', runIds, format: 'svg', yScale: 'ln' })).issues.map((i) => i.path)).toEqual(['yScale']);
    const fig1 = await ok(engine, 'export.figure', { figureId: 'p1-fig1', format: 'svg', modelName: 'VGG16' });
    expect(fs.readFileSync(fig1.path, 'utf8')).toContain('conv1_1');

    const tiny = { name: 'TinyNet', layers: [{ kind: 'fc', name: 'fc1', uIn: 8, uOut: 2 }] };
    const custom = await ok(engine, 'export.figure', { figureId: 'p1-fig1', format: 'svg', model: tiny });
    expect(fs.readFileSync(custom.path, 'utf8')).toContain('TinyNet');
    const badModel = failed(await engine.call('export.figure', { figureId: 'p1-fig1', format: 'svg', model: { ...tiny, layers: [{ ...tiny.layers[0], uOut: 0 }] } }));
    expect(badModel.issues.map((i) => i.path)).toEqual(['model.layers.0.uOut']);

    const outside = path.join(tmp(), 'secret.csv');
    fs.writeFileSync(outside, 'x');
    expect(failed(await engine.call('export.read', { path: outside })).code).toBe('not-found');
    expect(failed(await engine.call('export.read', { path: path.join(engine.runsRoot, runIds[0], 'config.txt') })).code).toBe('user');
    expect(failed(await engine.call('export.figure', { figureId: 'p1-fig6b', runIds: [], format: 'svg' })).message).toMatch(/choose at least one run/);
    expect(failed(await engine.call('export.figure', { figureId: 'nope', runIds, format: 'svg' })).message).toMatch(/unknown figure 'nope'/);
  });

  it('lists algorithms with the defaults of their own hyper-parameter schemas and checks hyper before queueing', async () => {
    const { engine, executor } = make();
    const algos = await ok(engine, 'algorithms.list', { env: 'vec-dnn' });
    const mad2rl = algos.find((a) => a.name === 'mad2rl')!;
    // Sec. 8.1 (4): lr 5e-4, discount 0.99, target rate 0.001; Sec. 8.3.1: M = 7.
    expect(mad2rl.hyperDefaults).toMatchObject({ lr: 5e-4, gamma: 0, tau: 0.001, denoisingSteps: 7 });
    expect('hidden' in mad2rl.hyperDefaults).toBe(false);
    expect(algos.find((a) => a.name === 'greedy')!.hyperDefaults).toEqual({});
    const p2 = await ok(engine, 'algorithms.list', { env: 'isac-dt' });
    expect(p2.find((a) => a.name === 'ly-dtmppo')!.hyperDefaults).toMatchObject({ lr: 8e-5, gamma: 0.99 });
    expect('digitalTwin' in p2.find((a) => a.name === 'ly-mappo')!.hyperDefaults).toBe(false);

    const badLr = failed(await engine.call('experiments.start', { algos: [{ algo: 'greedy' }, { algo: 'mad2rl', hyper: { lr: -1 } }], episodes: 1 }));
    expect(badLr.issues.map((i) => i.path)).toEqual(['algos.1.hyper.lr']);
    const extra = failed(await engine.call('experiments.plan', { algos: [{ algo: 'greedy', hyper: { x: 1 } }], episodes: 1 }));
    expect(extra.issues).toEqual([{ path: 'algos.0.hyper.x', message: 'greedy takes no hyper-parameters' }]);
    expect(executor.started).toHaveLength(0);
  });

  it('rejects unknown methods and bad params without throwing', async () => {
    const { engine } = make();
    expect(failed(await engine.call('app.shutdown', {})).message).toMatch(/unknown method/);
    expect(failed(await engine.call('scenario.default', { env: 'mars' })).issues[0].path).toBe('env');
    const info = await ok(engine, 'app.info', {});
    expect(info).toMatchObject({ shell: 'web', workers: 2, envs: ['vec-dnn', 'isac-dt'] });
  });
});
