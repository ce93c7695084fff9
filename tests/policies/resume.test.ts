// Issue 13 item 4: every heuristic resumes exactly. A run stopped after 2 episodes and resumed to 5 must equal an
// uninterrupted 5-episode run line for line; genetic and both random policies draw random numbers, so their RNG
// state has to travel in the checkpoint (policy.json). The learners' families have their own resume tests
// (tests/experiments/vec-dnn-learner-runs.test.ts: pqmix/mad2rl; isac-run-resume.test.ts: the Ly-* learners).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resumeRun, startRun } from '../../src-main/experiments/runner';
import { readMetrics } from '../../src-main/experiments/run-folder';
import type { MetricRecord } from '../../src-shared/metrics';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'vecwb-heuristic-resume-'));
const vecDnn = { env: 'vec-dnn', cvs: { count: 3 }, svs: { count: 2 }, slots: 5 };
const isacDt = { env: 'isac-dt', cvs: { count: 2 }, slots: 4 };

const cases = [
  { env: 'vec-dnn' as const, algo: 'genetic', scenario: vecDnn, hyper: { populationSize: 8, generations: 3 } },
  { env: 'vec-dnn' as const, algo: 'random', scenario: vecDnn, hyper: {} },
  { env: 'vec-dnn' as const, algo: 'greedy', scenario: vecDnn, hyper: {} },
  { env: 'isac-dt' as const, algo: 'random', scenario: isacDt, hyper: {} },
  { env: 'isac-dt' as const, algo: 'fixed-ratio', scenario: isacDt, hyper: {} },
];

/** Everything a line holds except wall times (decisionMs is the wall time of act()). */
const values = (rs: MetricRecord[]) => rs.map((r) => ({ kind: r.kind, episode: r.episode, values: { ...r.values, decisionMs: 0 } }));

describe('heuristics resume exactly (RNG state in the checkpoint)', () => {
  for (const c of cases) {
    it(`${c.env} ${c.algo}: 2 episodes + resume to 5 == 5 uninterrupted episodes`, async () => {
      const root = tmp();
      const request = (outDir: string, episodes: number) => ({ env: c.env, scenario: c.scenario, algo: c.algo, hyper: c.hyper, episodes, seed: 11, outDir });
      const fresh = path.join(root, 'fresh');
      expect((await (await startRun(request(fresh, 5))).done).status).toBe('completed');
      const dir = path.join(root, 'resumed');
      expect((await (await startRun(request(dir, 2))).done).lastCheckpoint).toBe('ep-000002');
      const resumed = await (await resumeRun(dir, {}, { episodes: 5 })).done;
      expect(resumed).toMatchObject({ status: 'completed', episodesDone: 5 });
      const a = readMetrics(fresh);
      const b = readMetrics(dir);
      expect(b.filter((r) => r.kind === 'episode').map((r) => r.episode)).toEqual([1, 2, 3, 4, 5]);
      expect(values(b)).toEqual(values(a));
      const rewards = b.filter((r) => r.kind === 'episode').map((r) => r.values.reward);
      for (const r of rewards) expect(Number.isFinite(r)).toBe(true);
    }, 60_000);
  }

  it('the random policies write their RNG state; a checkpoint of another policy is refused by name', async () => {
    const root = tmp();
    const dir = path.join(root, 'g');
    await (await startRun({ env: 'vec-dnn', scenario: vecDnn, algo: 'genetic', hyper: { populationSize: 4, generations: 1 }, episodes: 1, outDir: dir })).done;
    const saved = JSON.parse(fs.readFileSync(path.join(dir, 'checkpoints', 'ep-000001', 'policy.json'), 'utf8')) as { policy: string; rng: number[] };
    expect(saved.policy).toBe('genetic');
    expect(saved.rng.length).toBeGreaterThan(0);
    const other = path.join(root, 'r');
    const run = startRun({ env: 'vec-dnn', scenario: vecDnn, algo: 'random', episodes: 1, outDir: other, checkpoint: path.join(dir, 'checkpoints', 'ep-000001') });
    await expect(run).rejects.toThrow(/policy\.json: checkpoint of policy 'genetic', this run uses 'random'/);
  }, 60_000);
});
