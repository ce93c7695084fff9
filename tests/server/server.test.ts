import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createEngine, type Engine } from '../../src-main/engine/engine';
import { startServer, type RunningServer } from '../../src-main/server/server';
import { FakeExecutor } from '../engine/fake-executor';

let engine: Engine;
let server: RunningServer;
let base: string;

beforeAll(async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'vecwb-server-'));
  const rendererDir = path.join(root, 'ui');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>ui</title>');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(root, 'secret.txt'), 'secret');
  engine = createEngine({ runsRoot: path.join(root, 'runs'), shell: 'web', workers: 1, executor: new FakeExecutor() });
  server = await startServer({ engine, rendererDir, port: 0, token: 'test-token-0123456789' });
  base = `http://127.0.0.1:${server.port}`;
});

afterAll(async () => {
  await server.close();
  await engine.close();
});

function rawGet(urlPath: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, path: urlPath, headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function connect(query: string, headers: Record<string, string> = {}): Promise<{ ws: WebSocket | null; status: number | null }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws${query}`, { headers });
    ws.once('open', () => resolve({ ws, status: null }));
    ws.once('unexpected-response', (_req, res) => resolve({ ws: null, status: res.statusCode ?? 0 }));
    ws.once('error', () => resolve({ ws: null, status: -1 }));
  });
}

describe('web shell HTTP', () => {
  it('prints a URL with the token and serves the UI with a CSP only when the token is right', async () => {
    expect(server.url).toBe(`${base}/?token=test-token-0123456789`);
    const denied = await fetch(`${base}/`);
    expect(denied.status).toBe(401);
    expect(await denied.text()).toMatch(/open the URL that `vecwb serve` printed/);
    expect((await fetch(`${base}/?token=wrong`)).status).toBe(401);

    const page = await fetch(server.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const cookie = page.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(new RegExp(`^vecwb_token_${server.port}=test-token-0123456789; HttpOnly; SameSite=Strict`));

    // Assets load with the cookie alone.
    const asset = await fetch(`${base}/assets/app.js`, { headers: { cookie: cookie.split(';')[0] } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect((await fetch(`${base}/assets/app.js`)).status).toBe(401);
  });

  it('refuses foreign Host headers (DNS rebinding) and path escapes', async () => {
    expect((await rawGet('/?token=test-token-0123456789', { host: 'evil.example' })).status).toBe(421);
    const escape = await rawGet('/..%2fsecret.txt', { host: `127.0.0.1:${server.port}`, authorization: 'Bearer test-token-0123456789' });
    expect(escape.body).not.toContain('secret');
  });

  it('answers API calls over HTTP POST with a Bearer token, refusing cross-origin and non-JSON requests', async () => {
    const headers = { authorization: 'Bearer test-token-0123456789', 'content-type': 'application/json' };
    const info = await fetch(`${base}/api/app.info`, { method: 'POST', headers, body: '{}' });
    expect(info.status).toBe(200);
    expect(await info.json()).toMatchObject({ ok: true, result: { shell: 'web', workers: 1 } });
    const bad = await fetch(`${base}/api/scenario.default`, { method: 'POST', headers, body: '{"env":"mars"}' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.issues[0].path).toBe('env');
    expect((await fetch(`${base}/api/app.info`, { method: 'POST', headers: { ...headers, origin: 'http://evil.example' }, body: '{}' })).status).toBe(403);
    expect((await fetch(`${base}/api/app.info`, { method: 'POST', headers: { authorization: headers.authorization, 'content-type': 'text/plain' }, body: '{}' })).status).toBe(415);
    expect((await fetch(`${base}/api/app.info`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(401);
  });
});

describe('web shell WebSocket', () => {
  it('refuses a missing token, a wrong token and a foreign Origin', async () => {
    expect((await connect('')).status).toBe(401);
    expect((await connect('?token=nope')).status).toBe(401);
    expect((await connect('?token=test-token-0123456789', { origin: 'http://evil.example' })).status).toBe(403);
  });

  it('carries calls, results and events', async () => {
    const { ws } = await connect('?token=test-token-0123456789', { origin: `http://127.0.0.1:${server.port}` });
    expect(ws).not.toBeNull();
    const socket = ws as WebSocket;
    const messages: { type: string; id?: number; ok?: boolean; result?: unknown; error?: { code: string }; event?: string }[] = [];
    socket.on('message', (d) => messages.push(JSON.parse(String(d))));
    const waitFor = async (pred: () => boolean) => {
      for (let i = 0; i < 300 && !pred(); i++) await new Promise((r) => setTimeout(r, 10));
      expect(pred()).toBe(true);
    };
    socket.send(JSON.stringify({ type: 'call', id: 1, method: 'app.info', params: {} }));
    socket.send(JSON.stringify({ type: 'call', id: 2, method: 'runs.get', params: { runId: 'missing' } }));
    await waitFor(() => messages.filter((m) => m.type === 'result').length === 2);
    expect(messages.find((m) => m.id === 1)).toMatchObject({ ok: true, result: { shell: 'web' } });
    expect(messages.find((m) => m.id === 2)).toMatchObject({ ok: false, error: { code: 'not-found' } });

    socket.send(JSON.stringify({ type: 'call', id: 3, method: 'experiments.start', params: { algos: [{ algo: 'greedy' }], episodes: 2 } }));
    await waitFor(() => messages.some((m) => m.type === 'event' && m.event === 'run.records'));
    await waitFor(() => messages.some((m) => m.type === 'event' && m.event === 'jobs.changed' && JSON.stringify(m).includes('"completed"')));
    socket.close();
  });

  it('closes the socket on a message that is not a call', async () => {
    const { ws } = await connect('?token=test-token-0123456789');
    const code = await new Promise<number>((resolve) => {
      (ws as WebSocket).once('close', (c) => resolve(c));
      (ws as WebSocket).send('{"type":"hello"}');
    });
    expect(code).toBe(1008);
  });
});
