// Pure parts of issue 12's screens: the runs table's columns and sorting, the overall ETA of the queue.
import { describe, expect, it } from 'vitest';
import type { Job } from '../../src-shared/api/experiments';
import type { RunListItem } from '../../src-shared/api/runs';
import type { RunProgress } from '../../src-shared/schemas/run';
import { overallProgress } from '../../src-renderer/src/stores/overall-progress';
import { differingHyper, runColumns, shownStatus, sortRuns } from '../../src-renderer/src/stores/runs-table';

function item(id: string, o: { v?: number | null; hyper?: Record<string, unknown>; reward?: number; status?: RunListItem['summary']['status']; live?: boolean }): RunListItem {
  return {
    summary: {
      runId: id,
      dir: `/runs/${id}`,
      env: 'vec-dnn',
      algo: 'mad2rl',
      seed: 1,
      status: o.status ?? 'completed',
      episodes: 10,
      episodesDone: 10,
      startedAt: `2026-01-0${id.length}T00:00:00Z`,
      finishedAt: null,
      wallTimeS: 1,
      backend: null,
      means: {},
      lastCheckpoint: null,
      error: null,
    },
    name: null,
    tags: { lyapunovV: o.v ?? null, cvCount: 7, svCount: 5, denoisingSteps: null },
    group: 'g',
    live: o.live ?? false,
    hyper: o.hyper ?? {},
    final: o.reward === undefined ? {} : { reward: o.reward },
  };
}

describe('runs table', () => {
  const items = [item('a', { v: 10, hyper: { lr: 0.001, mixer: 'qmix' }, reward: -5 }), item('bb', { v: 1, hyper: { lr: 0.01, mixer: 'qmix' }, reward: 3 }), item('ccc', { v: null, hyper: { lr: 0.01, mixer: 'qmix' } })];

  it('offers sweep tags, the hyper-parameters that differ and the chosen final metrics as columns', () => {
    expect(differingHyper(items)).toEqual(['lr']);
    const ids = runColumns(items, ['reward']).map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining(['tag.lyapunovV', 'tag.cvCount', 'hyper.lr', 'final.reward']));
    expect(ids).not.toContain('hyper.mixer');
    expect(ids).not.toContain('tag.denoisingSteps');
  });

  it('sorts numbers as numbers with empty cells last in both directions', () => {
    const v = runColumns(items, []).find((c) => c.id === 'tag.lyapunovV');
    expect(sortRuns(items, v, 'asc').map((i) => i.summary.runId)).toEqual(['bb', 'a', 'ccc']);
    expect(sortRuns(items, v, 'desc').map((i) => i.summary.runId)).toEqual(['a', 'bb', 'ccc']);
    const r = runColumns(items, ['reward']).find((c) => c.id === 'final.reward');
    expect(sortRuns(items, r, 'desc').map((i) => i.summary.runId)).toEqual(['bb', 'a', 'ccc']);
  });

  it('calls a running summary of a run nobody executes interrupted', () => {
    expect(shownStatus(item('a', { status: 'running', live: false }))).toBe('interrupted');
    expect(shownStatus(item('a', { status: 'running', live: true }))).toBe('running');
  });
});

describe('overall progress', () => {
  const job = (id: string, state: Job['state'], experimentId = 'e'): Job => ({
    jobId: id,
    experimentId,
    label: id,
    group: 'g',
    env: 'vec-dnn',
    algo: 'greedy',
    seed: 1,
    sweepValues: {},
    state,
    runId: state === 'queued' ? null : `r-${id}`,
    progress: null,
    summary: null,
    error: null,
    queuedAt: '',
  });
  const p = (elapsedS: number, etaS: number | null): RunProgress => ({ runId: 'r', episode: 2, episodes: 4, slot: 1, slots: 30, elapsedS, etaS, status: 'running' });

  it('adds the queued runs at the duration of running ones like them, spread over the workers', () => {
    const jobs = [job('1', 'running'), job('2', 'running'), job('3', 'queued'), job('4', 'completed')];
    const out = overallProgress(jobs, { '1': p(10, 30), '2': p(10, 10) }, 2);
    // remaining 30 + 10 + (40 + 20) / 2 = 70 over 2 workers = 35; never less than the longest (30).
    expect(out).toEqual({ done: 1, total: 4, etaS: 35 });
  });

  it('is unknown until a running run gives a rate, zero when all is done', () => {
    expect(overallProgress([job('1', 'queued')], {}, 2).etaS).toBeNull();
    expect(overallProgress([job('1', 'completed')], {}, 2)).toEqual({ done: 1, total: 1, etaS: 0 });
  });
});
