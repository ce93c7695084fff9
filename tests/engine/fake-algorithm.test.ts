// Adding an algorithm is one AlgorithmSpec plus one registry line: this test defines a tiny algorithm in its own
// body, registers it, and runs it through `vecwb run`, the web API (algorithms.list, hyper checks,
// experiments.start, runs.list) and a figure export, with no other file knowing it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runCli as cli } from '../cli/in-process-cli';
import { createEngine, type Engine } from '../../src-main/engine/engine';
import { InProcessRunExecutor } from '../../src-main/engine/in-process-executor';
import { registerAlgorithm } from '../../src-main/experiments/algorithms';
import { readMetrics, readRunConfig, readSummary } from '../../src-main/experiments/run-folder';
import { defineAlgorithm } from '../../src-main/sim/algorithm-spec';
import type { ControllerFactory } from '../../src-main/sim/controller';
import type { ApiMethod, ApiParams, ApiResult } from '../../src-shared/api/contract';

/** Each agent takes the `pick`-th legal action of its mask (wrapping): deterministic, no learning. */
const hyperSchema = z.strictObject({ pick: z.number().int().min(0, 'must be >= 0').max(10).default(0) });
const factory: ControllerFactory<number, unknown> = async (_env, { hyper }) => {
  const { pick } = hyperSchema.parse(hyper);
  return {
    name: 'nth-legal',
    act: (obs) =>
      obs.obs.map((_, i) => {
        const legal = [...(obs.masks?.[i] ?? [1])].flatMap((ok, a) => (ok ? [a] : []));
        return legal[pick % legal.length];
      }),
  };
};
const spec = defineAlgorithm({ name: 'nth-legal', env: 'vec-dnn', kind: 'heuristic', label: 'N-th legal action (test)', hyperSchema, load: async () => factory });

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vecwb-fake-algo-'));
const scenario = { cvs: { count: 3 }, svs: { count: 2 }, slots: 4 };
let unregister: () => void;
let engine: Engine;


async function ok<M extends ApiMethod>(method: M, params: ApiParams<M>): Promise<ApiResult<M>> {
  const outcome = await engine.call(method, params);
  if (!outcome.ok) throw new Error(`${method} failed: ${outcome.error.message}`);
  return outcome.result as ApiResult<M>;
}

beforeAll(() => {
  unregister = registerAlgorithm(spec);
  engine = createEngine({ runsRoot: path.join(tmp, 'runs'), shell: 'web', workers: 1, executor: new InProcessRunExecutor() });
});
afterAll(async () => {
  await engine.close();
  unregister();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('a fake algorithm registered by the test', () => {
  it('runs through `vecwb run`, with its hyper-parameters', async () => {
    const file = path.join(tmp, 'scenario.json');
    fs.writeFileSync(file, JSON.stringify(scenario));
    const out = path.join(tmp, 'cli-run');
    const r = await cli('run', '--algo', 'nth-legal', '--scenario', file, '--episodes', '2', '--seed', '5', '--out', out, '--hyper', 'pick=1');
    expect(r.code).toBe(0);
    expect(r.out).toContain('run completed: 2/2 episodes');
    expect(readRunConfig(out).request).toMatchObject({ algo: 'nth-legal', hyper: { pick: 1 }, episodes: 2 });
    const records = readMetrics(out);
    expect(records.filter((x) => x.kind === 'slot')).toHaveLength(2 * 4);
    expect(records.filter((x) => x.kind === 'episode').map((x) => x.episode)).toEqual([1, 2]);
    expect(readSummary(out)?.status).toBe('completed');
  });

  it('is listed, checked and run by the web API, and drawn in a figure', async () => {
    const listed = (await ok('algorithms.list', { env: 'vec-dnn' })).find((a) => a.name === 'nth-legal');
    expect(listed).toMatchObject({ label: 'N-th legal action (test)', kind: 'heuristic', hyperDefaults: { pick: 0 } });
    const bad = await engine.call('experiments.plan', { algos: [{ algo: 'nth-legal', hyper: { pick: -1 } }], episodes: 2, scenario });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.issues?.[0]).toMatchObject({ path: 'algos.0.hyper.pick', message: 'must be >= 0; got -1; allowed 0..10 (integer)' });

    const started = await ok('experiments.start', { algos: [{ algo: 'nth-legal', hyper: { pick: 2 } }], episodes: 3, seeds: [1], scenario, evalEvery: 0 });
    await Promise.all(started.jobs.map((j) => engine.jobs.whenFinished(j.jobId)));
    const run = (await ok('runs.list', {})).find((r) => r.summary.algo === 'nth-legal');
    expect(run?.summary).toMatchObject({ status: 'completed', episodesDone: 3 });
    expect(run?.hyper).toEqual({ pick: 2 });

    const runId = run!.summary.runId;
    const svg = await ok('export.figure', { figureId: 'p1-fig6b', runIds: [runId], format: 'svg' });
    const text = fs.readFileSync(svg.path, 'utf8');
    expect(text.startsWith('<svg')).toBe(true);
    expect(text).toContain('nth-legal');
    const data = await ok('export.figureData', { figureId: 'p1-fig6b', runIds: [runId], format: 'xlsx' });
    expect(data.bytes).toBeGreaterThan(1000);
  });
});
