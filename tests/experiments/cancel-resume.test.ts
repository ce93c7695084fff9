// Issue 13 item 3: a run cancelled in the middle of an episode and resumed equals the uninterrupted run. Before,
// the cancel checkpoint held the aborted episode's steps and training (pqmix's episode 4 differed after resume)
// and its slot lines stayed in metrics.jsonl until the resume.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resumeRun, startRun } from '../../src-main/experiments/runner';
import { readMetrics } from '../../src-main/experiments/run-folder';
import type { RunRequestInput } from '../../src-shared/schemas/run';
import type { MetricRecord } from '../../src-shared/metrics';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'vecwb-cancel-'));
const untimed = (rs: MetricRecord[]) => rs.map((r) => ({ ...r, wallTimeS: 0, values: { ...r.values, decisionMs: 0, trainStepMs: 0 } }));
const order = (rs: MetricRecord[]) => rs.map((r) => (r.kind === 'slot' ? `${r.episode}.${r.slot}` : `ep${r.episode}`));

const cases: { name: string; request: Omit<RunRequestInput, 'outDir' | 'episodes'>; checkpointEvery: number }[] = [
  {
    name: 'pqmix (learner: replay, training, exploration RNG)',
    request: {
      env: 'vec-dnn',
      scenario: { env: 'vec-dnn', cvs: { count: 3 }, svs: { count: 2 }, slots: 6 },
      algo: 'pqmix',
      seed: 5,
      backend: 'cpu',
      hyper: { hidden: [16, 16], batchSize: 8, learningStarts: 10, epsilonAnnealSteps: 40, threads: 1 },
    },
    checkpointEvery: 2,
  },
  {
    name: 'random (heuristic with an RNG)',
    request: { env: 'vec-dnn', scenario: { env: 'vec-dnn', cvs: { count: 3 }, svs: { count: 2 }, slots: 6 }, algo: 'random', seed: 5 },
    checkpointEvery: 2,
  },
];

describe('cancel mid-episode, then resume == uninterrupted', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const root = tmp();
      const fresh = path.join(root, 'fresh');
      expect((await (await startRun({ ...c.request, outDir: fresh, episodes: 5, checkpointEvery: c.checkpointEvery })).done).status).toBe('completed');

      // Cancel at slot 4 of episode 4: episodes 1-3 are done, the last checkpoint is ep-000002.
      const dir = path.join(root, 'cancelled');
      let cancel: (() => void) | null = null;
      const handle = await startRun({ ...c.request, outDir: dir, episodes: 5, checkpointEvery: c.checkpointEvery }, {
        onRecord(r) {
          if (r.kind === 'slot' && r.episode === 4 && r.slot === 4) cancel?.();
        },
      });
      cancel = () => handle.cancel();
      const summary = await handle.done;
      expect(summary).toMatchObject({ status: 'cancelled', episodesDone: 3, lastCheckpoint: 'ep-000002' });
      // The aborted episode left no line behind; the complete episodes' lines stay.
      const kept = readMetrics(dir);
      expect(order(kept).at(-1)).toBe('ep3');
      expect(kept.some((r) => r.episode === 4)).toBe(false);
      // No checkpoint of the partial state was written.
      expect(fs.readdirSync(path.join(dir, 'checkpoints')).sort()).toEqual(['ep-000002', 'latest.json']);

      const resumed = await (await resumeRun(dir)).done;
      expect(resumed).toMatchObject({ status: 'completed', episodesDone: 5 });
      const a = readMetrics(fresh);
      const b = readMetrics(dir);
      expect(order(b)).toEqual(order(a));
      expect(untimed(b)).toEqual(untimed(a));
    }, 600_000);
  }
});
