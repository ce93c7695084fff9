import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiClient, type ApiClient } from '../../src-shared/api/client';
import type { Job } from '../../src-shared/api/experiments';
import type { RunListItem } from '../../src-shared/api/runs';
import type { EpisodeRecord, EvalRecord, SlotRecord } from '../../src-shared/metrics';
import { createEngine, type Engine } from '../../src-main/engine/engine';
import { boot } from '../../src-renderer/src/stores/boot';
import { formatDuration, jobFraction, useExperimentsStore } from '../../src-renderer/src/stores/experiments';
import { useLayoutStore } from '../../src-renderer/src/stores/layout';
import { mergeRecords, useLiveStore } from '../../src-renderer/src/stores/live';
import { useModelsStore } from '../../src-renderer/src/stores/models';
import { matchesFilter } from '../../src-renderer/src/stores/runs';
import { useScenarioStore } from '../../src-renderer/src/stores/scenario';
import { parseNumberList, setAt } from '../../src-renderer/src/stores/paths';
import { FakeExecutor } from '../engine/fake-executor';

let engine: Engine;
let stop: (() => void) | null = null;

/** The renderer's client talking to a real engine in this process (the transport is the only fake). */
function inProcessClient(e: Engine): ApiClient {
  return createApiClient({
    kind: 'web',
    call: (method, params) => e.call(method, JSON.parse(JSON.stringify(params))),
    subscribe: (listener) => e.onEvent((ev) => listener(ev.event, JSON.parse(JSON.stringify(ev.payload)))),
    onStatus: (l) => {
      l('open');
      return () => {};
    },
  });
}

async function until(pred: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400 && !pred(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!pred()) throw new Error(`timed out waiting for ${what}`);
}

beforeEach(() => {
  setActivePinia(createPinia());
  engine = createEngine({ runsRoot: fs.mkdtempSync(path.join(os.tmpdir(), 'vecwb-stores-')), shell: 'web', workers: 2, executor: new FakeExecutor() });
});

afterEach(async () => {
  stop?.();
  stop = null;
  await engine.close();
});

describe('stores against the engine', () => {
  it('boot opens the paper default and the demo opens its runs in the live view as they stream', async () => {
    stop = await boot(inProcessClient(engine));
    const scenario = useScenarioStore();
    const layout = useLayoutStore();
    const live = useLiveStore();
    const experiments = useExperimentsStore();
    expect(scenario.presetId).toBe('paper1-default');
    expect(scenario.field('cvs.count')).toBe(7);
    expect(scenario.valid).toBe(true);
    expect(experiments.algorithms.map((a) => a.name)).toContain('greedy');

    const jobs = await experiments.startDemo();
    expect(jobs.map((j) => j.label)).toEqual(['greedy seed 1', 'greedy seed 2', 'random seed 1', 'random seed 2']);
    await until(() => experiments.jobs.length === 4 && experiments.jobs.every((j) => j.state === 'completed'), 'the demo to finish');
    await until(() => layout.openRunIds.length === 4, 'the runs to open');
    await until(() => Object.values(live.runs).every((r) => r.episodes.length === 40) && Object.keys(live.runs).length === 4, 'live records');
    const figureRuns = live.figureRuns(layout.openRunIds);
    expect(new Set(figureRuns.map((r) => r.algo))).toEqual(new Set(['greedy', 'random']));
    // Seed s: episodic reward -(6 + 3 s)/10 in every episode of the toy environment.
    const seed1 = figureRuns.find((r) => r.seed === 1)!;
    expect((seed1.records[0] as EpisodeRecord).values.reward).toBeCloseTo(-0.9, 12);
    expect(seed1.params).toEqual({ lyapunovV: 10, cvCount: 7, svCount: 5 });
    expect(seed1.dnnModelNames).toEqual(['AlexNet', 'ResNet18', 'VGG16']);
    await layout.flush();
    expect((await engine.invoke('state.get', {}) as { openRunIds: string[] }).openRunIds).toHaveLength(4);
  });

  it('opens a run started from this window once: closing it in the live view sticks while other runs start', async () => {
    stop = await boot(inProcessClient(engine));
    const layout = useLayoutStore();
    const experiments = useExperimentsStore();
    experiments.episodes = 2;
    experiments.seedsText = '1';
    await experiments.start();
    await until(() => layout.openRunIds.length === 1 && experiments.jobs.every((j) => j.state === 'completed'), 'the first run');
    const first = layout.openRunIds[0];
    layout.closeRun(first);
    experiments.seedsText = '2';
    await experiments.start();
    await until(() => experiments.jobs.length === 2 && experiments.jobs.every((j) => j.state === 'completed'), 'the second run');
    await until(() => layout.openRunIds.length === 1 && layout.openRunIds[0] !== first, 'the second run to open');
    expect(experiments.ownRunIds()).toHaveLength(2);
    expect(layout.openRunIds).not.toContain(first);
  });

  it('restores the last scenario, layout and open runs after a restart, dropping runs whose folder is gone', async () => {
    const { jobs } = (await engine.invoke('experiments.start', { algos: [{ algo: 'greedy' }], episodes: 2 })) as { jobs: Job[] };
    await engine.jobs.whenFinished(jobs[0].jobId);
    const runId = engine.jobs.get(jobs[0].jobId).runId!;
    await engine.invoke('state.update', {
      lastScenario: { env: 'vec-dnn', scenario: { name: 'mine', cvs: { count: 3 } }, presetId: null },
      openRunIds: [runId, 'gone-run'],
      layout: { activeView: 'live', smoothingWindow: 7 },
    });
    stop = await boot(inProcessClient(engine));
    const layout = useLayoutStore();
    expect(useScenarioStore().field('cvs.count')).toBe(3);
    expect(useScenarioStore().name).toBe('mine');
    expect(layout.activeView).toBe('live');
    expect(layout.smoothingWindow).toBe(7);
    expect(layout.openRunIds).toEqual([runId]);
    expect(useLiveStore().runs[runId].episodes).toHaveLength(2);
  });

  it('layout changes are merged into one persisted patch', async () => {
    stop = await boot(inProcessClient(engine));
    const layout = useLayoutStore();
    layout.setView('models');
    layout.setSmoothing(33.4);
    layout.setColumns(9);
    await layout.flush();
    const saved = (await engine.invoke('state.get', {})) as { layout: Record<string, unknown> };
    expect(saved.layout).toMatchObject({ activeView: 'models', smoothingWindow: 33, chartColumns: 3 });
  });

  it('scenario edits are validated by the engine with messages per field', async () => {
    stop = await boot(inProcessClient(engine));
    const scenario = useScenarioStore();
    scenario.setField('cvs.count', 0);
    scenario.setField('rsu.cpuHz', 'fast');
    await scenario.flushValidation();
    expect(scenario.valid).toBe(false);
    expect(scenario.fieldErrors['cvs.count']).toBe('got 0; allowed 1..64 (integer)');
    expect(scenario.fieldErrors['rsu.cpuHz']).toBeTruthy();
    scenario.setField('cvs.count', 4);
    scenario.setField('rsu.cpuHz', 20e9);
    await scenario.flushValidation();
    expect(scenario.valid).toBe(true);
    await scenario.applyPreset('paper1-fig7');
    expect([scenario.field('cvs.count'), scenario.field('svs.count')]).toEqual([5, 3]);
  });

  it('model editor: presets are read-only; a duplicate shows per-cell errors and profiles when valid', async () => {
    stop = await boot(inProcessClient(engine));
    const models = useModelsStore();
    const scenario = useScenarioStore();
    await models.select('AlexNet');
    expect(models.editingIsCustom).toBe(false);
    models.setCell(0, 'kernel', '0');
    expect(models.editing!.layers[0].kernel).toBe(11);
    expect(models.profile!.layers[0].workloadOps).toBe(2 * 55 * 55 * (3 * 121 + 1) * 64);

    await models.duplicate();
    expect(models.editing!.name).toBe('AlexNet (custom)');
    models.setCell(0, 'kernel', '0');
    await models.flushProfile();
    expect(models.errors['layers.0.kernel']).toBe('kernel must be >= 1; got 0; allowed 1..100000 (integer)');
    expect(models.profile).toBeNull();
    expect(await models.saveToScenario()).toBe(false);
    models.setCell(0, 'kernel', 'abc');
    await models.flushProfile();
    expect(models.errors['layers.0.kernel']).toBe('kernel must be a number; got "abc"');
    models.setCell(0, 'kernel', '11');
    await models.flushProfile();
    expect(models.errors).toEqual({});
    expect(models.totals!.layers).toBe(models.editing!.layers.length);
    expect(await models.saveToScenario()).toBe(true);
    expect(scenario.customModels.map((m) => m.name)).toEqual(['AlexNet (custom)']);
    await scenario.flushValidation();
    expect(scenario.valid).toBe(true);

    await models.importJson(JSON.stringify({ name: 'Tiny', layers: [{ kind: 'fc', name: 'fc1', uIn: 10, uOut: 2 }] }));
    expect(models.profile!.totalOps).toBe((2 * 10 - 1) * 2); // eq. (6), FC row
    await expect(models.importJson('{"name": "x"}')).rejects.toThrow(/"layers" array/);
  });

  it('experiment form: list fields are parsed with messages; the plan comes from the engine', async () => {
    stop = await boot(inProcessClient(engine));
    const experiments = useExperimentsStore();
    experiments.seedsText = '1, x';
    expect(experiments.request()).toBeNull();
    expect(experiments.formErrors.seeds).toBe("seeds: 'x' is not a number");
    experiments.seedsText = '1 2';
    experiments.sweepText.cvCount = '3,5';
    experiments.episodes = 5;
    await experiments.planNow();
    expect(experiments.planError).toBeNull();
    expect(experiments.planLabels).toEqual(['greedy #CV=3 seed 1', 'greedy #CV=3 seed 2', 'greedy #CV=5 seed 1', 'greedy #CV=5 seed 2']);
    experiments.episodes = 0;
    await experiments.planNow();
    expect(experiments.planError).toMatch(/episodes must be >= 1/);
  });
});

describe('store helpers', () => {
  it('mergeRecords appends in order, ignores repeats and keeps the latest episode of slots', () => {
    const run = { episodes: [] as EpisodeRecord[], slots: [] as SlotRecord[], evals: [] as EvalRecord[] };
    const ep = (e: number): EpisodeRecord => ({ kind: 'episode', episode: e, wallTimeS: 0, values: { reward: e } });
    const sl = (e: number, s: number): SlotRecord => ({ kind: 'slot', episode: e, slot: s, values: {} });
    expect(mergeRecords(run, [sl(1, 1), sl(1, 2), ep(1), sl(2, 1)])).toBe(true);
    expect(mergeRecords(run, [ep(1), sl(1, 2), sl(2, 1)])).toBe(false);
    expect(mergeRecords(run, [sl(2, 2), ep(2)])).toBe(true);
    expect(run.episodes.map((r) => r.episode)).toEqual([1, 2]);
    expect(run.slots.map((r) => [r.episode, r.slot])).toEqual([[2, 1], [2, 2]]);
    // Evaluation episodes go to their own list (not among the slots), in (episode, index) order, once.
    const ev = (e: number, i: number): EvalRecord => ({ kind: 'eval', episode: e, index: i, wallTimeS: 0, values: { reward: -i } });
    expect(mergeRecords(run, [ev(2, 1), ev(2, 2)])).toBe(true);
    expect(mergeRecords(run, [ev(2, 2), ev(2, 1)])).toBe(false);
    expect(mergeRecords(run, [ev(4, 1)])).toBe(true);
    expect(run.evals.map((r) => [r.episode, r.index])).toEqual([[2, 1], [2, 2], [4, 1]]);
    expect(run.slots.map((r) => [r.episode, r.slot])).toEqual([[2, 1], [2, 2]]);
  });

  it('filters runs on every word and status', () => {
    const item = {
      summary: { runId: '2026-x-greedy-s1', algo: 'greedy', status: 'completed', env: 'vec-dnn' },
      name: 'Demo: greedy',
      group: 'greedy V=10',
    } as unknown as RunListItem;
    expect(matchesFilter(item, 'GREEDY demo', 'all')).toBe(true);
    expect(matchesFilter(item, 'greedy mad2rl', 'all')).toBe(false);
    expect(matchesFilter(item, '', 'failed')).toBe(false);
  });

  it('formats durations and job fractions', () => {
    expect(formatDuration(12.4)).toBe('12 s');
    expect(formatDuration(185)).toBe('3 min 05 s');
    expect(formatDuration(3725)).toBe('1 h 02 min');
    expect(formatDuration(null)).toBe('');
    const job = { state: 'running', progress: { episode: 2, episodes: 4, slot: 15, slots: 30 }, summary: null } as unknown as Job;
    expect(jobFraction(job)).toBeCloseTo((30 + 15) / 120, 12);
    expect(jobFraction({ ...job, state: 'completed' })).toBe(1);
  });

  it('paths: immutable nested set and number lists', () => {
    const a = { cvs: { count: 7, cpuHz: { min: 1 } } };
    const b = setAt(a, 'cvs.cpuHz.max', 2);
    expect(b).toEqual({ cvs: { count: 7, cpuHz: { min: 1, max: 2 } } });
    expect(a.cvs.cpuHz).toEqual({ min: 1 });
    expect(parseNumberList(' 1, 2;3  4 ', 'x')).toEqual({ values: [1, 2, 3, 4], error: null });
    expect(parseNumberList('', 'x')).toEqual({ values: [], error: null });
  });
});
