// Paper-1 learner runs through the runner and the CLI: the same seed gives the same run, a run stopped after
// 3 episodes and resumed to 5 equals an uninterrupted one, an evaluation of a checkpoint explores and learns
// nothing, and a start that fails releases the learner's worker thread so the process exits.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { resolveCheckpointDir, resumeRun, startRun } from '../../src-main/experiments/runner';
import { readMetrics, readRunConfig } from '../../src-main/experiments/run-folder';
import type { EpisodeRecord, MetricRecord } from '../../src-shared/metrics';

const exec = promisify(execFile);
const root = path.join(__dirname, '../..');
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'vecwb-p1-learner-'));
const episodes = (rs: MetricRecord[]) => rs.filter((r): r is EpisodeRecord => r.kind === 'episode');

// 3 CVs, 2 SVs, 6 slots: small networks, training from the 16th transition, 8 per batch.
const scenario = { env: 'vec-dnn', cvs: { count: 3 }, svs: { count: 2 }, slots: 6 };
const hyper = { hidden: [16, 16], batchSize: 8, learningStarts: 16, epsilonAnnealSteps: 40, threads: 1 };
const request = (outDir: string, n: number, extra: Record<string, unknown> = {}) => ({
  env: 'vec-dnn' as const,
  scenario,
  algo: 'pqmix',
  episodes: n,
  seed: 5,
  outDir,
  backend: 'cpu',
  hyper,
  ...extra,
});

describe('pqmix runs through the runner', () => {
  it('same seed, same run; resuming 3 -> 5 episodes reproduces an uninterrupted run line for line', async () => {
    const dir = tmp();
    const a = await (await startRun(request(path.join(dir, 'a'), 5))).done;
    const b = await (await startRun(request(path.join(dir, 'b'), 5))).done;
    expect(a.status).toBe('completed');
    expect(b.status).toBe('completed');
    const ra = readMetrics(path.join(dir, 'a'));
    const values = (rs: MetricRecord[]) => rs.map((r) => (r.kind === 'episode' ? { ...r.values, decisionMs: 0, trainStepMs: 0 } : r.values));
    expect(values(readMetrics(path.join(dir, 'b')))).toEqual(values(ra));
    // training happened (TD loss reported) after the 16 warm-up transitions
    expect(episodes(ra)[4].values.trainSteps).toBeGreaterThan(0);
    expect(Number.isFinite(episodes(ra)[4].values.tdLoss)).toBe(true);

    const c = path.join(dir, 'c');
    expect((await (await startRun(request(c, 3))).done).lastCheckpoint).toBe('ep-000003');
    const resumed = await (await resumeRun(c, {}, { episodes: 5 })).done;
    expect(resumed).toMatchObject({ status: 'completed', episodesDone: 5 });
    const rc = readMetrics(c);
    expect(rc).toHaveLength(5 * 6 + 5);
    expect(episodes(rc).map((r) => r.episode)).toEqual([1, 2, 3, 4, 5]);
    expect(values(rc)).toEqual(values(ra));
  }, 120_000);

  it('evaluates a checkpoint: run folder accepted, its hyper-parameters reused, epsilon 0, no learning', async () => {
    const dir = tmp();
    const trained = path.join(dir, 'trained');
    await (await startRun(request(trained, 3))).done;
    expect(resolveCheckpointDir(trained)).toBe(path.join(trained, 'checkpoints', 'ep-000003'));
    expect(() => resolveCheckpointDir(path.join(dir, 'nowhere'))).toThrow(/does not exist/);

    // no --hyper given: the checkpoint's own (hidden 16 x 16) must be used, or loading would not fit
    const ev = path.join(dir, 'eval');
    const summary = await (await startRun({ ...request(ev, 2), hyper: {}, evaluate: true, checkpoint: trained })).done;
    expect(summary.status).toBe('completed');
    const config = readRunConfig(ev);
    expect(config.checkpointLoaded).toBe(path.join(trained, 'checkpoints', 'ep-000003'));
    expect(config.request.hyper).toMatchObject({ hidden: [16, 16], batchSize: 8 });
    expect(config.backendReason).toMatch(/cpu/);
    for (const e of episodes(readMetrics(ev))) {
      expect(e.values.epsilon).toBe(0);
      expect(e.values).not.toHaveProperty('tdLoss');
      expect(e.values).not.toHaveProperty('trainSteps');
    }
    // evaluation is deterministic for a seed
    const ev2 = path.join(dir, 'eval2');
    await (await startRun({ ...request(ev2, 2), hyper: {}, evaluate: true, checkpoint: trained })).done;
    const rewards = (d: string) => episodes(readMetrics(d)).map((r) => r.values.reward);
    expect(rewards(ev2)).toEqual(rewards(ev));
  }, 120_000);

  it('evaluation points: eval lines with epsilon 0 after episodes 2, 4 and the last; training unchanged by them; resume exact', async () => {
    const dir = tmp();
    const plain = path.join(dir, 'plain');
    const withEval = path.join(dir, 'with-eval');
    await (await startRun(request(plain, 5))).done;
    await (await startRun(request(withEval, 5, { evalEvery: 2, evalEpisodes: 2 }))).done;
    const evals = (d: string) => readMetrics(d).filter((r) => r.kind === 'eval');
    const ev = evals(withEval);
    expect(ev.map((r) => [r.episode, r.kind === 'eval' ? r.index : 0])).toEqual([[2, 1], [2, 2], [4, 1], [4, 2], [5, 1], [5, 2]]);
    for (const r of ev) {
      expect(r.values.epsilon).toBe(0);
      expect(r.values).not.toHaveProperty('tdLoss');
      expect(Number.isFinite(r.values.reward)).toBe(true);
    }
    // eval decisions draw from their own stream: the training episodes are exactly those of the plain run
    const train = (d: string) => episodes(readMetrics(d)).map((r) => ({ ...r.values, decisionMs: 0, trainStepMs: 0 }));
    expect(train(withEval)).toEqual(train(plain));
    // resumed from episode 3 to 5: the same eval lines, none duplicated
    const resumed = path.join(dir, 'resumed');
    await (await startRun(request(resumed, 3, { evalEvery: 2, evalEpisodes: 2 }))).done;
    await (await resumeRun(resumed, {}, { episodes: 5 })).done;
    const strip = (rs: MetricRecord[]) => rs.map((r) => ({ ...r, wallTimeS: 0, values: { ...r.values, decisionMs: 0, trainStepMs: 0 } }));
    // the 3-episode run evaluated after its last episode (3): that point stays, the rest equals the 5-episode run
    expect(strip(evals(resumed)).filter((r) => r.episode !== 3)).toEqual(strip(ev));
  }, 180_000);

  it('rewardNorm makes training invariant to the reward scale', async () => {
    const dir = tmp();
    const run = async (name: string, extra: Record<string, unknown>) => {
      const out = path.join(dir, name);
      await (await startRun({ ...request(out, 3), hyper: { ...hyper, rewardNorm: true, ...extra } })).done;
      return episodes(readMetrics(out));
    };
    const a = await run('x1', {});
    const b = await run('x1000', { rewardScale: 1000 });
    // the same decisions, so the same environment rewards; TD losses equal in normalised units
    expect(b.map((r) => r.values.reward)).toEqual(a.map((r) => r.values.reward));
    a.forEach((r, i) => {
      if (r.values.tdLoss === undefined) return;
      expect(b[i].values.tdLoss as number).toBeCloseTo(r.values.tdLoss as number, 2);
    });
    const raw = await run('raw', { rewardNorm: false });
    expect(raw[2].values.tdLoss).not.toBeCloseTo(a[2].values.tdLoss as number, 2);
  }, 180_000);

  it('a start that fails after building a threaded learner exits with code 2 (its worker is released)', async () => {
    const dir = tmp();
    const out = path.join(dir, 'run');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'config.json'), '{}');
    const bad = path.join(dir, 'not-a-checkpoint');
    fs.mkdirSync(bad);
    const run = (...args: string[]) =>
      exec('node', ['bin/vecwb.mjs', 'run', '--algo', 'mad2rl', '--hyper', 'threads=2', '--backend', 'wasm', ...args], { cwd: root, timeout: 90_000 }).then(
        () => ({ code: 0, stderr: '' }),
        (e: { code: number | null; killed?: boolean; stderr: string }) => ({ code: e.killed ? -1 : e.code, stderr: e.stderr }),
      );
    const existing = await run('--out', out);
    expect(existing.code).toBe(2);
    expect(existing.stderr).toContain('already holds a run');
    const noCheckpoint = await run('--evaluate', '--checkpoint', bad, '--out', path.join(dir, 'ev'));
    expect(noCheckpoint.code).toBe(2);
    expect(noCheckpoint.stderr).toContain('learner.json missing');
  }, 200_000);
});
