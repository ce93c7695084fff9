// The preload, run without Electron: vi.mock('electron') stands in for contextBridge and ipcRenderer, so the
// test sees exactly what the page gets (window.vecwb) and what crosses IPC.
import { beforeEach, describe, expect, it, vi } from 'vitest';

type Handler = (event: unknown, ...args: unknown[]) => void;
const ipc = vi.hoisted(() => {
  const listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
  return {
    listeners,
    invoke: vi.fn(async (..._args: unknown[]) => ({ ok: true, result: 'from main' })),
    on: vi.fn((channel: string, h: (event: unknown, ...args: unknown[]) => void) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(h);
    }),
    removeListener: vi.fn((channel: string, h: (event: unknown, ...args: unknown[]) => void) => {
      listeners.get(channel)?.delete(h);
    }),
    exposed: new Map<string, unknown>(),
  };
});

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => ipc.exposed.set(key, value) },
  ipcRenderer: { invoke: ipc.invoke, on: ipc.on, removeListener: ipc.removeListener },
}));

await import('../../src-main/electron/preload');
const { CALL_CHANNEL, EVENT_CHANNEL } = await import('../../src-main/electron/channels');

interface Api {
  call(method: unknown, params: unknown): Promise<unknown>;
  onEvent(listener: unknown): () => void;
}
const api = ipc.exposed.get('vecwb') as Api;
const emit = (...args: unknown[]) => {
  for (const h of ipc.listeners.get(EVENT_CHANNEL) ?? []) (h as Handler)({ sender: 'main' }, ...args);
};

beforeEach(() => {
  ipc.invoke.mockClear();
});

describe('preload', () => {
  it('exposes exactly call and onEvent as window.vecwb, nothing else', () => {
    expect([...ipc.exposed.keys()]).toEqual(['vecwb']);
    expect(Object.keys(api).sort()).toEqual(['call', 'onEvent']);
  });

  it('refuses unknown methods without touching IPC', async () => {
    expect(await api.call('app.shutdown', {})).toEqual({ ok: false, error: { code: 'user', message: "unknown method 'app.shutdown'", issues: [] } });
    expect(await api.call(42, {})).toMatchObject({ ok: false, error: { message: "unknown method '42'" } });
    expect(ipc.invoke).not.toHaveBeenCalled();
  });

  it('checks params against the contract before they cross IPC', async () => {
    const bad = (await api.call('runs.compare', { runIds: ['only-one'] })) as { ok: boolean; error: { code: string; message: string; issues: { path: string; message: string }[] } };
    expect(bad.ok).toBe(false);
    expect(bad.error.code).toBe('validation');
    expect(bad.error.message).toBe('invalid params of runs.compare');
    expect(bad.error.issues).toEqual([expect.objectContaining({ path: 'runIds', message: 'choose at least two runs' })]);
    expect((await api.call('scenario.default', { env: 'mars' })) as object).toMatchObject({ ok: false, error: { code: 'validation', issues: [expect.objectContaining({ path: 'env' })] } });
    expect(ipc.invoke).not.toHaveBeenCalled();
  });

  it('forwards valid calls on the call channel and returns what main answers', async () => {
    expect(await api.call('scenario.default', { env: 'vec-dnn' })).toEqual({ ok: true, result: 'from main' });
    expect(await api.call('app.info', undefined)).toEqual({ ok: true, result: 'from main' });
    expect(ipc.invoke.mock.calls).toEqual([
      [CALL_CHANNEL, 'scenario.default', { env: 'vec-dnn' }],
      [CALL_CHANNEL, 'app.info', {}],
    ]);
  });

  it('passes on only known events with valid payloads, and unsubscribes', () => {
    const seen: unknown[][] = [];
    const off = api.onEvent((event: string, payload: unknown) => seen.push([event, payload]));
    emit('jobs.changed', { jobs: [] });
    emit('jobs.changed', { jobs: 'not a list' });
    emit('app.secret', { jobs: [] });
    emit(undefined);
    expect(seen).toEqual([['jobs.changed', { jobs: [] }]]);
    off();
    expect(ipc.listeners.get(EVENT_CHANNEL)?.size).toBe(0);
    emit('jobs.changed', { jobs: [] });
    expect(seen).toHaveLength(1);
  });

  it('needs a function to listen with', () => {
    expect(() => api.onEvent('not a function')).toThrow(new TypeError('onEvent needs a function'));
  });
});
