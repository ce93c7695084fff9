// A paper-2 run through the runner (`vecwb run --env isac-dt --algo ly-dtmppo`), stopped after 3 episodes and
// resumed to 5: the resumed episodes must equal those of an uninterrupted 5-episode run bit for bit, and
// metrics.jsonl must hold every line exactly once.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resumeRun, startRun } from '../../src-main/experiments/runner';
import { readMetrics } from '../../src-main/experiments/run-folder';
import type { EpisodeRecord, MetricRecord, SlotRecord } from '../../src-shared/metrics';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'vecwb-isac-'));

// 2 CVs, 4 slots per episode; a rollout of 5 slots, so PPO updates at env slots 5, 10, 15, 20 and the rollout
// holds 2 slots at the end of episode 3 (the checkpoint must carry them over).
const request = (outDir: string, episodes: number) => ({
  env: 'isac-dt' as const,
  scenario: { env: 'isac-dt', cvs: { count: 2 }, slots: 4 },
  algo: 'ly-dtmppo',
  episodes,
  seed: 3,
  outDir,
  backend: 'cpu',
  hyper: { rollout: 'slots', batchSize: 5, epochs: 2 }, // the 'slots' cadence, so a rollout spans the checkpoint
});

const episodes = (rs: MetricRecord[]) => rs.filter((r): r is EpisodeRecord => r.kind === 'episode');
const slots = (rs: MetricRecord[]) => rs.filter((r): r is SlotRecord => r.kind === 'slot');

describe('isac-dt run and resume through the runner', () => {
  it('resuming 3 -> 5 episodes reproduces a fresh 5-episode run without duplicate lines', async () => {
    const root = tmp();
    const fresh = await startRun(request(path.join(root, 'fresh'), 5));
    expect((await fresh.done).status).toBe('completed');

    const dir = path.join(root, 'resumed');
    const first = await (await startRun(request(dir, 3))).done;
    expect(first).toMatchObject({ status: 'completed', episodesDone: 3, lastCheckpoint: 'ep-000003' });
    const second = await (await resumeRun(dir, {}, { episodes: 5 })).done;
    expect(second).toMatchObject({ status: 'completed', episodesDone: 5, episodes: 5, lastCheckpoint: 'ep-000005' });

    const a = readMetrics(path.join(root, 'fresh'));
    const b = readMetrics(dir);
    // every line once: 5 episode lines, 4 slot lines per episode
    expect(episodes(b).map((r) => r.episode)).toEqual([1, 2, 3, 4, 5]);
    expect(slots(b).map((r) => `${r.episode}.${r.slot}`)).toEqual([1, 2, 3, 4, 5].flatMap((e) => [1, 2, 3, 4].map((s) => `${e}.${s}`)));
    const lines = fs.readFileSync(path.join(dir, 'metrics.jsonl'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(5 + 20);

    // updates ran before and after the resume point (train steps are cumulative)
    const steps = episodes(a).map((r) => r.values.trainSteps);
    expect(steps[0]).toBe(0);
    expect(steps[4]).toBeGreaterThan(steps[2] as number);
    expect(steps[2]).toBeGreaterThan(0);
    expect(episodes(a).map((r) => r.values.envSlots)).toEqual([4, 8, 12, 16, 20]);

    // episodes 4-5 (and 1-3) are bit-identical: rewards, every slot metric and the learner metrics
    // (decisionMs is wall time, the one value that may differ)
    const untimed = (v: Record<string, unknown>) => ({ ...v, decisionMs: 0 });
    for (let e = 0; e < 5; e++) expect(untimed(episodes(b)[e].values)).toEqual(untimed(episodes(a)[e].values));
    expect(slots(b).map((r) => r.values)).toEqual(slots(a).map((r) => r.values));
    const rewards = (rs: MetricRecord[]) => episodes(rs).slice(3).map((r) => r.values.reward);
    expect(rewards(b)).toEqual(rewards(a));
    for (const r of rewards(a)) expect(Number.isFinite(r)).toBe(true);
    // the ISAC metric names and the shared paper-1 names are streamed
    for (const k of ['reward', 'delayMeanS', 'energyMeanJ', 'costMean', 'virtualEnergyQueue', 'constraintViolations', 'completionTimeSumS', 'queueCvGops', 'policyLoss']) {
      expect(episodes(b)[4].values, k).toHaveProperty(k);
    }
  }, 120_000);
});

// The off-policy family (Ly-MADDPG, Ly-MATD3, Ly-MASAC share off-policy.ts): replay, target networks, the
// temperature and the noise RNG all travel in the checkpoint. Ly-MASAC, stopped after 2 episodes.
describe('isac-dt off-policy learner resume', () => {
  it('ly-masac: 2 episodes + resume to 4 == 4 uninterrupted episodes', async () => {
    const root = tmp();
    const req = (outDir: string, episodes: number) => ({
      ...request(outDir, episodes),
      algo: 'ly-masac',
      hyper: { batchSize: 4, warmupSlots: 3, bufferSize: 64 },
    });
    expect((await (await startRun(req(path.join(root, 'fresh'), 4))).done).status).toBe('completed');
    const dir = path.join(root, 'resumed');
    expect((await (await startRun(req(dir, 2))).done).lastCheckpoint).toBe('ep-000002');
    expect((await (await resumeRun(dir, {}, { episodes: 4 })).done).status).toBe('completed');
    const untimed = (rs: MetricRecord[]) => rs.map((r) => ({ ...r, wallTimeS: 0, values: { ...r.values, decisionMs: 0, trainStepMs: 0, updateMs: 0 } }));
    const a = readMetrics(path.join(root, 'fresh'));
    expect(episodes(a)[3].values.trainSteps).toBeGreaterThan(0);
    expect(untimed(readMetrics(dir))).toEqual(untimed(a));
  }, 120_000);
});
