// The engine's reproduce.* methods with real worker-thread runs: p2-v at smoke scale (2 short Ly-DTMPPO runs)
// from start to report, progress events on the way, and a restart that lists the folder as completed.
import { paperExperiments } from '../../src-main/experiments/paper-experiments';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../src-shared/api/contract';
import type { ReproductionItem, ReproductionReport } from '../../src-shared/api/reproduce';
import { createEngine, type Engine } from '../../src-main/engine/engine';
import { readReproductionState } from '../../src-main/report/reproduction';
import { readSweepIndex } from '../../src-main/experiments/sweep-results';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vecwb-repro-'));
const engines: Engine[] = [];
afterAll(async () => {
  for (const e of engines) await e.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function ok<T>(engine: Engine, method: string, params: unknown): Promise<T> {
  const out = await engine.call(method, params);
  if (!out.ok) throw new Error(`${method}: ${out.error.message}`);
  return out.result as T;
}

// smoke scale: one seed, so one run per algorithm of the experiment (the five learners and the fixed-ratio floor)
const P2_CONVERGENCE_RUNS = paperExperiments.flatMap((e) => (e.kind === 'sweep' && e.id === 'p2-convergence' ? e.request.algos : [])).length;

describe('reproduce.* methods', () => {
  it('lists every experiment with its three scales, runs p2-v at smoke scale and serves its report', async () => {
    const engine = createEngine({ runsRoot: tmp, shell: 'web', workers: 1 });
    engines.push(engine);
    const list = await ok<ReproductionItem[]>(engine, 'reproduce.list', {});
    const p2v = list.find((i) => i.experiment === 'p2-v')!;
    expect(p2v.scales.map((s) => [s.scale, s.runs, s.episodesPerRun, s.status])).toEqual([
      ['smoke', 2, 2, 'none'],
      ['quick', 4, 300, 'none'],
      ['paper', 12, 1800, 'none'],
    ]);
    expect(list.find((i) => i.experiment === 'p1-layer-profile')!.kind).toBe('model');

    const events: ReproductionItem[] = [];
    const finished = new Promise<void>((resolve) => {
      engine.onEvent((e: ApiEvent) => {
        if (e.event !== 'reproduce.changed' || e.payload.experiment !== 'p2-v') return;
        events.push(e.payload);
        if (e.payload.scales[0].status !== 'running' && events.some((x) => x.scales[0].status === 'running')) resolve();
      });
    });
    const started = await ok<ReproductionItem>(engine, 'reproduce.start', { experiment: 'p2-v', scale: 'smoke' });
    expect(started.scales[0].status).toBe('running');
    const second = await engine.call('reproduce.start', { experiment: 'p1-cvs', scale: 'smoke' });
    expect(second.ok).toBe(false);
    if (!second.ok) expect(second.error.message).toMatch(/p2-v \(smoke\) is being reproduced/);
    await finished;
    const last = events[events.length - 1].scales[0];
    expect([last.status, last.runsDone, last.progress, last.hasReport]).toEqual(['completed', 2, 1, true]);
    expect(events.some((x) => x.scales[0].current !== null)).toBe(true);

    const rep = await ok<ReproductionReport>(engine, 'reproduce.report', { experiment: 'p2-v', scale: 'smoke' });
    expect(rep.report.experiment).toBe('p2-v');
    expect(rep.report.runs.statusCounts).toEqual({ completed: 2 });
    expect(rep.report.runs.seeds).toEqual([1]);
    expect(rep.report.claims.map((c) => c.id)).toContain('fig7b.rise');
    // Only V = 5 and V = 100 ran: the V = 10 and V = 50 cost levels are not measured.
    const v50 = rep.report.claims.find((c) => c.id === 'fig7b.cost.v50')!;
    expect(v50.verdict).toBe('not measured');
    expect(rep.report.readings.find((r) => r.key === 'slots')).toMatchObject({ value: '5', default: '30', kind: 'departure' });
    expect(fs.existsSync(rep.files.xlsx)).toBe(true);
    expect(rep.files.figures.map((f) => f.id)).toEqual(['p2-fig7a', 'p2-fig7b']);
    const svg = await ok<{ mime: string }>(engine, 'export.read', { path: rep.files.figures[1].svg });
    expect(svg.mime).toBe('image/svg+xml');
    expect(readReproductionState(rep.dir)?.status).toBe('completed');
    await engine.close();

    // A new engine on the same folder lists it as completed, with its thumbnail.
    const again = createEngine({ runsRoot: tmp, shell: 'web', workers: 1 });
    engines.push(again);
    const relisted = (await ok<ReproductionItem[]>(again, 'reproduce.list', {})).find((i) => i.experiment === 'p2-v')!;
    expect(relisted.scales[0].status).toBe('completed');
    expect(relisted.scales[0].thumbnail).toBe(path.join(rep.dir, 'figures', 'p2-fig7a.svg'));
    const missing = await again.call('reproduce.report', { experiment: 'p2-v', scale: 'quick' });
    expect(missing.ok).toBe(false);
    const bad = await again.call('reproduce.start', { experiment: 'p2-v', scale: 'huge' });
    expect(bad.ok).toBe(false);
  }, 120_000);

  it('a cancelled reproduction is listed as interrupted and starting it again resumes (finished runs kept)', async () => {
    const engine = createEngine({ runsRoot: tmp, shell: 'web', workers: 1 });
    engines.push(engine);
    const key = { experiment: 'p2-convergence', scale: 'smoke' };
    const states: ReproductionItem['scales'][number][] = [];
    let cancelled = false;
    const settled = (want: (s: ReproductionItem['scales'][number]) => boolean) =>
      new Promise<void>((resolve) => {
        const off = engine.onEvent((e: ApiEvent) => {
          if (e.event !== 'reproduce.changed' || e.payload.experiment !== key.experiment) return;
          const s = e.payload.scales[0];
          states.push(s);
          // Cancel as soon as the first run has finished.
          if (!cancelled && s.status === 'running' && s.runsDone >= 1) {
            cancelled = true;
            void engine.call('reproduce.cancel', key);
          }
          if (want(s)) {
            off();
            resolve();
          }
        });
      });
    const interrupted = settled((s) => s.status === 'interrupted');
    await ok(engine, 'reproduce.start', key);
    await interrupted;
    const listed = (await ok<ReproductionItem[]>(engine, 'reproduce.list', {})).find((i) => i.experiment === key.experiment)!.scales[0];
    expect(listed.status).toBe('interrupted');
    expect(listed.runsDone).toBeGreaterThanOrEqual(1);
    expect(listed.runsDone).toBeLessThan(P2_CONVERGENCE_RUNS);
    const before = readSweepIndex(path.join(listed.dir, 'sweep')).runs.filter((r) => r.status === 'completed');
    expect(before).toHaveLength(listed.runsDone);
    const completed = settled((s) => s.status === 'completed');
    cancelled = true; // no second cancel
    await ok(engine, 'reproduce.start', key);
    await completed;
    const rep = await ok<ReproductionReport>(engine, 'reproduce.report', key);
    expect(rep.report.runs.statusCounts).toEqual({ completed: P2_CONVERGENCE_RUNS });
    // The runs finished before the interruption were kept, not run again (same start time in the index).
    const after = readSweepIndex(path.join(listed.dir, 'sweep')).runs;
    for (const b of before) expect(after[b.index].summary?.startedAt).toBe(b.summary?.startedAt);
    expect(rep.report.claims.find((c) => c.id === 'fig4.best')?.verdict).not.toBe('not measured');
  }, 180_000);

  it('the model experiment (Fig. 1) reproduces without runs', async () => {
    const engine = createEngine({ runsRoot: tmp, shell: 'web', workers: 1 });
    engines.push(engine);
    const done = new Promise<void>((resolve) =>
      engine.onEvent((e: ApiEvent) => {
        if (e.event === 'reproduce.changed' && e.payload.experiment === 'p1-layer-profile' && e.payload.scales[0].status === 'completed') resolve();
      }),
    );
    await ok(engine, 'reproduce.start', { experiment: 'p1-layer-profile', scale: 'smoke' });
    await done;
    const rep = await ok<ReproductionReport>(engine, 'reproduce.report', { experiment: 'p1-layer-profile', scale: 'smoke' });
    expect(rep.report.claims).toEqual([]);
    expect(rep.files.figures[0].id).toBe('p1-fig1');
    expect(fs.existsSync(rep.files.figures[0].png!)).toBe(true);
  }, 60_000);
});
