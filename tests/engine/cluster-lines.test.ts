// Issue 15, nothing lost, nothing duplicated, without Redis: the coordinator's copy of a run (RunFolderSink)
// fed by the attempts of a run as a worker feeds the run's stream (AttemptRecords). Reproduces the line lost when
// a worker was killed after its run process had written an episode's line and the checkpoint after it, but
// before the worker sent that line: the resumed attempt continues after the checkpoint and sends only the later
// lines, unless it replays what the run folder keeps.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetricRecord } from '../../src-shared/metrics';
import { planExperiment, experimentRequestSchema } from '../../src-shared/api/experiments';
import { readLatestCheckpoint, readMetrics } from '../../src-main/experiments/run-folder';
import { resumeRun, startRun, type RunHooks } from '../../src-main/experiments/runner';
import { AttemptRecords } from '../../src-main/engine/cluster/attempt-records';
import { recordKey } from '../../src-main/engine/cluster/protocol';
import { RunFolderSink } from '../../src-main/engine/cluster/run-sink';
import { tinySweep, untimed } from './sweep-fixtures';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vecwb-cluster-lines-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

// P-QMIX seed 1 of the cluster test's sweep: 8 episodes, a checkpoint every 2.
const request = planExperiment(experimentRequestSchema.parse(tinySweep(8, [1], ['pqmix']).experiment))[0].request;
const episodesOf = (rs: readonly MetricRecord[]) => rs.filter((r) => r.kind === 'episode').map((r) => r.episode);
let reference: MetricRecord[] = [];

beforeAll(async () => {
  const dir = path.join(tmp, 'reference');
  await (await startRun({ ...request, outDir: dir })).done;
  reference = untimed(readMetrics(dir));
  expect(episodesOf(reference)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
}, 120_000);

/**
 * Attempt 1 runs 4 episodes in the shared folder (its line of episode 4 and the checkpoint at 4 written), but the
 * coordinator got its lines only up to episode 3: the worker died before sending the rest.
 */
async function killedAfterCheckpoint4(name: string): Promise<{ shared: string; sink: RunFolderSink }> {
  const shared = path.join(tmp, name, 'shared');
  const reported: MetricRecord[] = [];
  await (await startRun({ ...request, episodes: 4, outDir: shared }, { onRecord: (r) => reported.push(r) })).done;
  expect(readLatestCheckpoint(shared)?.episode).toBe(4);
  expect(episodesOf(readMetrics(shared))).toEqual([1, 2, 3, 4]);
  const sink = new RunFolderSink(path.join(tmp, name, 'coordinator'));
  sink.records(reported.filter((r) => r.episode <= 3));
  return { shared, sink };
}

/** Attempt 2, as a worker runs it: the run resumed to 8 episodes, its lines fed through `feed`. */
async function resumedAttempt(shared: string, feed: { started(): void; records(rs: MetricRecord[]): void }): Promise<void> {
  let firstLine: () => void = () => {};
  const reported = new Promise<void>((resolve) => (firstLine = resolve));
  const hooks: RunHooks = { onRecord: (r) => (feed.records([r]), firstLine()) };
  const handle = await resumeRun(shared, hooks, { episodes: 8 });
  // The worker hears 'started' once the resume has trimmed the folder; lines may be reported before (a run
  // process flushes its first slot's lines at once): here, always one at least.
  await reported;
  feed.started();
  await handle.done;
}

describe('a run resumed on another worker after its worker was killed', () => {
  it('without the replay the coordinator loses the line written before the checkpoint the resume starts from', async () => {
    const { shared, sink } = await killedAfterCheckpoint4('no-replay');
    // What the worker did before: only the lines the resumed run process reports.
    await resumedAttempt(shared, { started: () => {}, records: (rs) => void sink.records(rs) });
    sink.close();
    expect(episodesOf(readMetrics(sink.dir))).toEqual([1, 2, 3, 5, 6, 7, 8]);
  }, 120_000);

  it('with the replay of the folder every line reaches the coordinator once, in order, equal to a run never interrupted', async () => {
    const { shared, sink } = await killedAfterCheckpoint4('replay');
    let beforeStarted = 0;
    let started = false;
    const attempt = new AttemptRecords(shared, true, (rs) => void sink.records(rs));
    await resumedAttempt(shared, {
      started: () => ((started = true), attempt.started()),
      records: (rs) => ((beforeStarted += started ? 0 : rs.length), attempt.records(rs)),
    });
    sink.close();
    const lines = readMetrics(sink.dir);
    expect(episodesOf(lines)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(new Set(lines.map(recordKey)).size).toBe(lines.length);
    expect(untimed(lines)).toEqual(reference);
    // Lines reported before 'started' (episode 5's first) were held, not written ahead of episode 4's.
    expect(beforeStarted).toBeGreaterThan(0);

    // A third attempt (say, the coordinator restarted and the run resumed once more) changes nothing.
    const again = new RunFolderSink(sink.dir);
    const replay = new AttemptRecords(shared, true, (rs) => void again.records(rs));
    replay.started();
    again.close();
    expect(untimed(readMetrics(sink.dir))).toEqual(reference);
  }, 120_000);

  it('a first attempt (no folder yet) sends the lines as reported, none held', () => {
    const sent: MetricRecord[][] = [];
    const attempt = new AttemptRecords(path.join(tmp, 'absent'), false, (rs) => sent.push(rs));
    const line: MetricRecord = { kind: 'episode', episode: 1, wallTimeS: 0, values: {} };
    attempt.records([line]);
    attempt.started();
    expect(sent).toEqual([[line]]);
  });
});
