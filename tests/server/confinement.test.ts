// Issue 13 items 1 and 7 (web part): trace files are confined to the upload store for every route, upload
// errors name the user's file, a bad percent-encoding is a 400 and an oversized body a 413.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src-main/engine/engine';
import { startServer, type RunningServer } from '../../src-main/server/server';
import { FakeExecutor } from '../engine/fake-executor';

const TOKEN = 'confinement-token-0123456789';
let engine: Engine;
let server: RunningServer;
let root: string;
let fixtureXml: string;
const logged: string[] = [];

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'vecwb-confine-'));
  const rendererDir = path.join(root, 'ui');
  fs.mkdirSync(rendererDir, { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>ui</title>');
  fixtureXml = fs.readFileSync(path.join(import.meta.dirname, '../fixtures/sumo/highway.fcd.xml'), 'utf8');
  // A valid trace outside the upload store: readable by the process, but not by the API.
  fs.writeFileSync(path.join(root, 'outside.fcd.xml'), fixtureXml);
  engine = createEngine({ runsRoot: path.join(root, 'runs'), shell: 'web', workers: 1, executor: new FakeExecutor() });
  // A symlink inside the store that points outside it must be refused too (realpath check).
  fs.symlinkSync(path.join(root, 'outside.fcd.xml'), path.join(root, 'runs', '_traces', 'link.fcd.xml'));
  server = await startServer({ engine, rendererDir, port: 0, token: TOKEN, log: (l) => logged.push(l) });
});

afterAll(async () => {
  await server.close();
  await engine.close();
});

async function api(method: string, body: unknown): Promise<{ status: number; json: { ok: boolean; result?: unknown; error?: { message: string; issues: { path: string; message: string }[] } } }> {
  const res = await fetch(`http://127.0.0.1:${server.port}/api/${method}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

const fcd = (file: string) => ({ cvs: { count: 2 }, svs: { count: 1 }, slots: 5, mobility: { kind: 'sumo-fcd', file, cvIds: ['veh00', 'veh01'], svIds: ['veh02'], startTimeS: 2 } });

describe('trace files are confined to the upload store', () => {
  const outsidePaths = () => [
    '/etc/shadow',
    '/etc/passwd',
    '/nonexistent/secret.fcd.xml',
    path.join(root, 'outside.fcd.xml'),
    '../../outside.fcd.xml',
    path.join(root, 'runs', '_traces', '..', '..', 'outside.fcd.xml'),
    path.join(root, 'runs', '_traces', 'link.fcd.xml'),
  ];

  it('scenario.preview refuses every path outside, with one message that leaks neither existence nor content', async () => {
    const messages = new Set<string>();
    for (const file of outsidePaths()) {
      const { status, json } = await api('scenario.preview', { env: 'vec-dnn', scenario: fcd(file) });
      expect(status, file).toBe(400);
      const message = json.error!.message;
      expect(message).toMatch(/^mobility\.file: '.*' is outside the folders traces may be read from/);
      expect(message).not.toMatch(/malformed|line|:\d+:\d+|root element|no such file/i);
      messages.add(message.replace(`'${file}'`, "'F'"));
    }
    expect(messages.size).toBe(1);
  });

  it('experiments.start and scenario.validate refuse the same paths before anything is queued', async () => {
    for (const file of outsidePaths()) {
      const started = await api('experiments.start', { env: 'vec-dnn', scenario: fcd(file), algos: [{ algo: 'greedy' }], episodes: 1 });
      expect(started.status, file).toBe(400);
      expect(started.json.error!.message).toMatch(/scenario\.mobility\.file: '.*' is outside the folders/);
      const validated = await api('scenario.validate', { env: 'vec-dnn', scenario: fcd(file) });
      expect(validated.status).toBe(200);
      expect(validated.json.result).toMatchObject({ ok: false, issues: [{ path: 'mobility.file' }] });
    }
    const jobs = await api('jobs.list', {});
    expect(jobs.json.result).toEqual([]);
  });

  it('an uploaded trace is allowed; a missing file inside the store says so', async () => {
    const imported = await api('scenario.importTrace', { fileName: 'my trace.fcd.xml', xml: fixtureXml });
    expect(imported.status).toBe(200);
    const file = (imported.json.result as { file: string }).file;
    const preview = await api('scenario.preview', { env: 'vec-dnn', scenario: fcd(file) });
    expect(preview.status).toBe(200);
    const missing = await api('scenario.preview', { env: 'vec-dnn', scenario: fcd(path.join(path.dirname(file), 'gone.fcd.xml')) });
    expect(missing.json.error!.message).toMatch(/^mobility\.file: trace file '.*gone\.fcd\.xml' does not exist$/);
  });

  it("an upload error names the user's file, not where the server stored it", async () => {
    const bad = await api('scenario.importTrace', { fileName: 'mine.xml', xml: '<fcd-export><timestep time="0"><vehicle id="a" x="1"/></timestep></fcd-export>' });
    expect(bad.status).toBe(400);
    expect(bad.json.error!.message).toMatch(/mine\.xml/);
    expect(bad.json.error!.message).not.toContain('_traces');
  });
});

function rawRequest(opts: http.RequestOptions, body?: Buffer | string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, ...opts }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('malformed HTTP requests get a 4xx, never a reset or an unlogged 500', () => {
  const headers = { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json', Host: '127.0.0.1' };

  it('a broken percent-encoding in the API path is a 400', async () => {
    const r = await rawRequest({ method: 'POST', path: '/api/%E0%A4%A', headers }, '{}');
    expect(r.status).toBe(400);
    expect(r.body).toMatch(/percent-encoding/);
    const cookie = await rawRequest({ method: 'GET', path: '/', headers: { Host: '127.0.0.1', Cookie: `vecwb_token_${server.port}=%E0%A4%A` } });
    expect(cookie.status).toBe(401);
  });

  it('an 81 MiB body is answered 413', async () => {
    const big = Buffer.alloc(81 * 1024 * 1024, 0x20);
    const r = await rawRequest({ method: 'POST', path: '/api/app.info', headers: { ...headers, 'Content-Length': String(big.length) } }, big);
    expect(r.status).toBe(413);
    expect(r.body).toMatch(/at most 80 MiB/);
  });

  it('an oversized chunked body (no Content-Length) is answered 413 as well', async () => {
    const r = await new Promise<{ status: number }>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: server.port, method: 'POST', path: '/api/app.info', headers: { ...headers, 'Transfer-Encoding': 'chunked' } }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
      });
      req.on('error', reject);
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      for (let i = 0; i < 82; i++) req.write(chunk);
      req.end();
    });
    expect(r.status).toBe(413);
  });
});
