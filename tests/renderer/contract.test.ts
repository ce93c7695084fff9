import { describe, expect, it } from 'vitest';
import { createApiClient, type ApiTransport } from '../../src-shared/api/client';
import { ApiError } from '../../src-shared/api/common';
import { apiEvents, apiMethodNames, apiMethods, type ApiHandlers } from '../../src-shared/api/contract';
import { dispatchCall, NotFoundError } from '../../src-shared/api/dispatch';
import { experimentRequestSchema, planExperiment } from '../../src-shared/api/experiments';
import { diffConfigs, flattenConfig } from '../../src-shared/api/runs';
import { applyUiStatePatch, uiStateSchema } from '../../src-shared/api/ui-state';
import { callMessageSchema, resultMessageSchema } from '../../src-shared/api/wire';
import { UserError } from '../../src-shared/errors';
import { ValidationError } from '../../src-shared/validation';

function fakeTransport(reply: (method: string, params: unknown) => unknown) {
  const sent: { method: string; params: unknown }[] = [];
  let listener: ((event: string, payload: unknown) => void) | null = null;
  const transport: ApiTransport = {
    kind: 'web',
    async call(method, params) {
      sent.push({ method, params });
      const r = reply(method, params);
      return r instanceof Error ? { ok: false, error: { code: 'user', message: r.message, issues: [] } } : { ok: true, result: r };
    },
    subscribe(l) {
      listener = l;
      return () => (listener = null);
    },
    onStatus(l) {
      l('open');
      return () => {};
    },
  };
  return { transport, sent, emit: (e: string, p: unknown) => listener?.(e, p) };
}

describe('API contract', () => {
  it('has a params and a result schema for every method, and the event names of the stores', () => {
    expect(apiMethodNames.length).toBe(Object.keys(apiMethods).length);
    for (const m of apiMethodNames) {
      expect(typeof apiMethods[m].params.safeParse).toBe('function');
      expect(typeof apiMethods[m].result.safeParse).toBe('function');
    }
    expect(Object.keys(apiEvents).sort()).toEqual(['job.progress', 'jobs.changed', 'reproduce.changed', 'run.records']);
  });

  it('plans algorithms x sweep combinations x seeds with scenario overrides and groups across seeds', () => {
    const exp = experimentRequestSchema.parse({
      name: 'fig8a',
      algos: [{ algo: 'mad2rl', hyper: { lr: 0.001 } }, { algo: 'greedy' }],
      episodes: 10,
      seeds: [1, 2],
      sweep: { cvCount: [3, 5], denoisingSteps: [7] },
      scenario: { svs: { count: 5 } },
    });
    const plan = planExperiment(exp);
    expect(plan).toHaveLength(2 * 2 + 2 * 2);
    const first = plan[0];
    expect(first.label).toBe('mad2rl #CV=3 M=7 seed 1');
    expect(first.request.scenario).toEqual({ svs: { count: 5 }, cvs: { count: 3 } });
    expect(first.request.hyper).toEqual({ lr: 0.001, denoisingSteps: 7 });
    expect(first.group).toBe(plan[1].group);
    expect(plan[1].request.seed).toBe(2);
    expect(plan.filter((p) => p.request.algo === 'greedy').map((p) => p.label)).toEqual([
      'greedy #CV=3 seed 1',
      'greedy #CV=3 seed 2',
      'greedy #CV=5 seed 1',
      'greedy #CV=5 seed 2',
    ]);
    // The original scenario object is not modified.
    expect(exp.scenario).toEqual({ svs: { count: 5 } });
    // No sweep on the default scenario keeps 'default'.
    expect(planExperiment(experimentRequestSchema.parse({ algos: [{ algo: 'random' }], episodes: 1 }))[0].request.scenario).toBe('default');
  });

  it('refuses plans that are too large or sweep a knob the env lacks', () => {
    const big = experimentRequestSchema.parse({ algos: [{ algo: 'greedy' }], episodes: 1, seeds: Array.from({ length: 30 }, (_, i) => i), sweep: { cvCount: [1, 2, 3, 4], svCount: [1, 2, 3, 4] } });
    expect(() => planExperiment(big)).toThrow(/more than 400 runs/);
    const p2 = experimentRequestSchema.parse({ env: 'isac-dt', algos: [{ algo: 'ly-dtmppo' }], episodes: 1, sweep: { svCount: [2] } });
    expect(() => planExperiment(p2)).toThrow(/sweep.svCount: env 'isac-dt' has no such setting/);
    expect(experimentRequestSchema.safeParse({ algos: [{ algo: 'x' }], episodes: 0 }).error?.issues[0].message).toBe('episodes must be >= 1');
  });

  it('diffs configs by dotted path, skipping ids, times and folders', () => {
    expect([...flattenConfig({ a: { b: 1, c: [1, 2] }, d: null })]).toEqual([
      ['a.b', '1'],
      ['a.c', '[1,2]'],
      ['d', 'null'],
    ]);
    const rows = diffConfigs([
      { runId: 'x', createdAt: 't1', request: { seed: 1, outDir: '/a' }, scenario: { cvs: { count: 3 } }, versions: { node: '20' } },
      { runId: 'y', createdAt: 't2', request: { seed: 1, outDir: '/b' }, scenario: { cvs: { count: 5 }, extra: true }, versions: { node: '22' } },
    ]);
    expect(rows).toEqual([
      { path: 'scenario.cvs.count', values: ['3', '5'] },
      { path: 'scenario.extra', values: [null, 'true'] },
    ]);
  });

  it('merges UI state patches: top-level keys replace, layout merges, bad values are refused', () => {
    const s0 = uiStateSchema.parse({});
    const s1 = applyUiStatePatch(s0, { layout: { activeView: 'runs' }, openRunIds: ['a'] });
    const s2 = applyUiStatePatch(s1, { layout: { chartColumns: 1 } });
    expect(s2.layout).toMatchObject({ activeView: 'runs', chartColumns: 1, smoothingWindow: 10 });
    expect(s2.openRunIds).toEqual(['a']);
    expect(() => applyUiStatePatch(s2, { layout: { chartColumns: 7 } })).toThrow();
  });

  it('wire envelopes: calls need an integer id and a method; results carry ok/error', () => {
    expect(callMessageSchema.safeParse({ type: 'call', id: 1, method: 'app.info', params: {} }).success).toBe(true);
    expect(callMessageSchema.safeParse({ type: 'call', id: 'x', method: 'app.info' }).success).toBe(false);
    expect(resultMessageSchema.safeParse({ type: 'result', id: 1, ok: false, error: { code: 'user', message: 'm' } }).success).toBe(true);
    expect(resultMessageSchema.safeParse({ type: 'result', id: 1, ok: false }).success).toBe(false);
  });
});

describe('client and dispatch validate on both sides', () => {
  it('client: refuses bad params before sending, parses results, rejects results that break the contract', async () => {
    const { transport, sent } = fakeTransport((method) => (method === 'app.info' ? { version: '1', shell: 'web', runsRoot: '/r', workers: 2, envs: ['vec-dnn'] } : { nonsense: true }));
    const client = createApiClient(transport);
    await expect(client.call('scenario.default', { env: 'mars' as never })).rejects.toMatchObject({ code: 'validation', issues: [{ path: 'env' }] });
    expect(sent).toHaveLength(0);
    expect(await client.call('app.info', {})).toMatchObject({ workers: 2 });
    const err = await client.call('jobs.list', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('internal');
  });

  it('client: delivers valid events to their listeners and drops invalid ones', () => {
    const { transport, emit } = fakeTransport(() => ({}));
    const dropped: string[] = [];
    const client = createApiClient(transport, (e, why) => dropped.push(`${e}: ${why}`));
    const got: number[] = [];
    const off = client.on('run.records', (p) => got.push(p.records.length));
    emit('run.records', { jobId: 'j', runId: 'r', records: [{ kind: 'episode', episode: 1, wallTimeS: 0.1, values: { reward: -1 } }] });
    emit('run.records', { jobId: 'j', runId: 'r', records: [{ kind: 'episode', episode: 0, wallTimeS: 0.1, values: {} }] });
    emit('bogus', {});
    off();
    emit('run.records', { jobId: 'j', runId: 'r', records: [] });
    expect(got).toEqual([1]);
    expect(dropped[0]).toMatch(/^run.records: records.0.episode/);
    expect(dropped[1]).toBe('bogus: unknown event');
  });

  it('dispatch: maps errors to codes and checks results against the contract', async () => {
    const handlers = {
      'app.info': () => ({ version: '1', shell: 'web', runsRoot: '/', workers: 0, envs: [] }),
      'runs.get': () => {
        throw new NotFoundError('no run x');
      },
      'runs.list': () => {
        throw new ValidationError('thing', [{ path: 'a.b', message: 'bad' }]);
      },
      'jobs.list': () => {
        throw new UserError('nope');
      },
      'figures.list': () => {
        throw new TypeError('boom');
      },
    } as unknown as ApiHandlers;
    const internal: string[] = [];
    const onInternal = (e: unknown, m: string) => internal.push(`${m}: ${(e as Error).message}`);
    const info = await dispatchCall(handlers, 'app.info', {}, onInternal);
    expect(info.ok).toBe(false); // workers must be >= 1: the handler broke the contract
    expect(internal[0]).toMatch(/^app.info: result of app.info breaks the contract: workers/);
    expect(await dispatchCall(handlers, 'runs.get', { runId: 'x' })).toMatchObject({ ok: false, error: { code: 'not-found', message: 'no run x' } });
    expect(await dispatchCall(handlers, 'runs.list', {})).toMatchObject({ ok: false, error: { code: 'validation', issues: [{ path: 'a.b', message: 'bad' }] } });
    expect(await dispatchCall(handlers, 'jobs.list', {})).toMatchObject({ ok: false, error: { code: 'user', message: 'nope' } });
    expect(await dispatchCall(handlers, 'figures.list', {}, onInternal)).toMatchObject({ ok: false, error: { code: 'internal', message: 'internal error: boom' } });
    expect(await dispatchCall(handlers, 'jobs.list', { extra: 1 })).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await dispatchCall(handlers, '__proto__', {})).toMatchObject({ ok: false, error: { message: "unknown method '__proto__'" } });
  });
});
