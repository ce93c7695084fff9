// Issue 13 "done means": a seeded, bounded fuzz run against the real routes. A few hundred generated bad
// scenarios, experiment requests, SUMO traces, raw API bodies and eval-slot inputs; each must be refused with a
// 4xx (or a UserError for eval-slot) whose message names the field, or be accepted without a NaN; nothing may
// answer 5xx, show a stack trace or a server path, or open a file outside the allowed roots. The counts
// (tried / handled) are printed for the issue's closing note.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { describeError } from '../../src-main/cli/error-report';
import { runVecDnnEvalSlot } from '../../src-main/engine/eval-slot-vec-dnn';
import { createEngine, type Engine } from '../../src-main/engine/engine';
import { startServer, type RunningServer } from '../../src-main/server/server';
import { FakeExecutor } from '../engine/fake-executor';
import { editDistance } from '../../src-shared/nearest-name';
import { absurdNumber, badBodies, badTraces, mutate, pick, seeded, typoKey, type Json } from './fuzz-inputs';

const SEED = 20261206;
const TOKEN = 'fuzz-token-0123456789abcdef';
/** A stack frame, a source location or a server-side folder in a message: none may reach a client. */
const LEAK = /\n\s+at |\bat [\w.<>]+ \(|\.ts:\d+|node_modules|_traces|\/work\//;

let engine: Engine;
let server: RunningServer;
let root: string;
let tracesDir: string;
const opened: string[] = [];
const serverLog: string[] = [];
const counts = new Map<string, { tried: number; handled: number; accepted: number }>();

function count(kind: string, handled: boolean, accepted = false): void {
  const c = counts.get(kind) ?? { tried: 0, handled: 0, accepted: 0 };
  c.tried += 1;
  if (handled) c.handled += 1;
  if (accepted) c.accepted += 1;
  counts.set(kind, c);
}

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'vecwb-fuzz-'));
  const rendererDir = path.join(root, 'ui');
  fs.mkdirSync(rendererDir);
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>ui</title>');
  engine = createEngine({ runsRoot: path.join(root, 'runs'), shell: 'web', workers: 1, executor: new FakeExecutor() });
  tracesDir = fs.realpathSync(path.join(root, 'runs', '_traces'));
  server = await startServer({ engine, rendererDir, port: 0, token: TOKEN, log: (l) => serverLog.push(l) });
  // Every trace read goes through createReadStream (sim/mobility/sumo-fcd.ts): record what is opened.
  const real = fs.createReadStream;
  vi.spyOn(fs, 'createReadStream').mockImplementation(((p: fs.PathLike, o?: unknown) => {
    opened.push(String(p));
    return real(p, o as never);
  }) as typeof fs.createReadStream);
});

afterAll(async () => {
  vi.restoreAllMocks();
  await server.close();
  await engine.close();
  const lines = [...counts].map(([k, c]) => `  ${k}: ${c.handled}/${c.tried} handled (${c.accepted} accepted as valid)`);
  const total = [...counts.values()].reduce((a, c) => ({ tried: a.tried + c.tried, handled: a.handled + c.handled }), { tried: 0, handled: 0 });
  console.log(`fuzz (seed ${SEED}): ${total.handled}/${total.tried} handled\n${lines.join('\n')}`);
});

async function post(method: string, body: string): Promise<{ status: number; text: string }> {
  const res = await fetch(`http://127.0.0.1:${server.port}/api/${method}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    body,
  });
  return { status: res.status, text: await res.text() };
}

interface Outcome {
  ok: boolean;
  result?: unknown;
  error?: { message: string; issues: { path: string; message: string }[] };
}

/** True when `name` (a dotted path) is named by an issue path or the message: the field, its object, or a child. */
function names(outcome: Outcome, field: string): boolean {
  const parts = field.split('.');
  const candidates = [field, parts.slice(0, -1).join('.'), parts[parts.length - 1]].filter((c) => c !== '');
  const said = [outcome.error?.message ?? '', ...(outcome.error?.issues ?? []).flatMap((i) => [i.path, i.message])];
  const validateIssues = (outcome.result as { issues?: { path: string }[] } | undefined)?.issues ?? [];
  said.push(...validateIssues.map((i) => i.path));
  return candidates.some((c) => said.some((s) => s === c || s.startsWith(`${c}.`) || s.includes(`${c}:`) || s.includes(`'${c}'`) || s.includes(c)));
}

/** No NaN or infinity hides in a result (JSON turns them into null inside number arrays). */
function finiteResult(result: unknown): boolean {
  const text = JSON.stringify(result);
  return !/NaN|Infinity|\[null|,null[,\]]/.test(text ?? '');
}

describe(`fuzz (seed ${SEED})`, () => {
  // Generous timeouts: the test takes seconds, but CI machines may be busy (the tests assert no time).
  it('bad scenarios through scenario.validate, scenario.preview and experiments.plan', { timeout: 600_000 }, async () => {
    const rnd = seeded(SEED);
    for (const env of ['vec-dnn', 'isac-dt'] as const) {
      const base = (await engine.invoke('scenario.default', { env })) as Json;
      for (let i = 0; i < 45; i++) {
        const m = mutate(base, rnd);
        const validated = await post('scenario.validate', JSON.stringify({ env, scenario: m.doc }));
        const v = JSON.parse(validated.text) as Outcome & { result: { ok: boolean; issues: { path: string }[] } };
        const validOk = validated.status === 200 && v.ok && !LEAK.test(validated.text);
        const accepted = v.result?.ok === true;
        const namedOk = accepted ? finiteResult(v.result) : names(v, m.field);
        count(`scenario.validate (${env})`, validOk && namedOk, accepted);
        expect(validOk, `${m.field}=${JSON.stringify(m.value)}: ${validated.text.slice(0, 300)}`).toBe(true);
        expect(namedOk, `${m.kind} ${m.field}=${JSON.stringify(m.value)} not named: ${validated.text.slice(0, 300)}`).toBe(true);

        const exp = { env, scenario: m.doc, algos: [{ algo: env === 'vec-dnn' ? 'greedy' : 'random' }], episodes: 1 };
        const planned = await post('experiments.plan', JSON.stringify(exp));
        const p = JSON.parse(planned.text) as Outcome;
        // plan and validate agree: what validate accepts, plan accepts, and the other way round
        const agree = p.ok === accepted && (p.ok ? planned.status === 200 : planned.status === 400 && names(p, m.field));
        count(`experiments.plan (${env})`, agree && !LEAK.test(planned.text), p.ok);
        expect(agree, `plan vs validate on ${m.field}=${JSON.stringify(m.value)}: ${planned.text.slice(0, 300)}`).toBe(true);
        expect(planned.text).not.toMatch(LEAK);

        if (env === 'vec-dnn' && i % 3 === 0) {
          const previewed = await post('scenario.preview', JSON.stringify({ env, scenario: m.doc }));
          const pv = JSON.parse(previewed.text) as Outcome;
          const ok = pv.ok ? previewed.status === 200 && finiteResult(pv.result) : previewed.status === 400 && names(pv, m.field);
          count('scenario.preview', ok && !LEAK.test(previewed.text), pv.ok);
          expect(ok, `preview of ${m.field}=${JSON.stringify(m.value)}: ${previewed.text.slice(0, 300)}`).toBe(true);
        }
      }
    }
  });

  it('typos and absurd numbers: validate and plan refuse them naming the field (and the key meant)', { timeout: 300_000 }, async () => {
    const rnd = seeded(SEED + 6);
    for (const env of ['vec-dnn', 'isac-dt'] as const) {
      const base = (await engine.invoke('scenario.default', { env })) as Json;
      for (let i = 0; i < 25; i++) {
        const t = typoKey(base, rnd);
        const v = JSON.parse((await post('scenario.validate', JSON.stringify({ env, scenario: t.doc }))).text) as { result: { ok: boolean; issues: { path: string; message: string }[] } };
        const issue = v.result.issues.find((x) => x.path === t.typo);
        const meant = /did you mean '([^']+)'\?$/.exec(issue?.message ?? '')?.[1] ?? '';
        // The suggestion is the key misspelt, or another as close (one edit) in the same object.
        const parentOf = (p: string) => p.split('.').slice(0, -1).join('.');
        const lastOf = (p: string) => p.split('.').pop() ?? '';
        const ok =
          v.result.ok === false &&
          issue?.message.startsWith(`unknown key '${t.typo}' in scenario; did you mean '`) === true &&
          parentOf(meant) === parentOf(t.original) &&
          editDistance(lastOf(t.typo), lastOf(meant)) <= 1;
        count(`unknown key (${env})`, ok);
        expect(ok, `${t.typo} (for ${t.original}): ${JSON.stringify(v.result.issues).slice(0, 300)}`).toBe(true);

        const a = absurdNumber(base, rnd);
        const refused = JSON.parse((await post('scenario.validate', JSON.stringify({ env, scenario: a.doc }))).text) as { result: { ok: boolean; issues: { path: string; message: string }[] } };
        const planned = await post('experiments.plan', JSON.stringify({ env, scenario: a.doc, algos: [{ algo: env === 'vec-dnn' ? 'greedy' : 'random' }], episodes: 1 }));
        const named = refused.result.issues.some((x) => x.path === a.field && x.message.includes(`got ${String(a.value).replace("e+", "e")}; allowed`));
        const planOk = planned.status === 400 && planned.text.includes(`scenario.${a.field}`);
        count(`absurd number (${env})`, refused.result.ok === false && named && planOk);
        expect(named, `${a.field}=${a.value}: ${JSON.stringify(refused.result.issues).slice(0, 300)}`).toBe(true);
        expect(planOk, `plan ${a.field}=${a.value}: ${planned.text.slice(0, 300)}`).toBe(true);
      }
    }
  });

  it('bad experiment requests name the field', { timeout: 300_000 }, async () => {
    const rnd = seeded(SEED + 1);
    const base: Json = { env: 'vec-dnn', scenario: 'default', algos: [{ algo: 'greedy', hyper: {} }], episodes: 2, seeds: [1], name: 'fuzz' };
    for (let i = 0; i < 60; i++) {
      const m = mutate(base, rnd);
      const r = await post('experiments.plan', JSON.stringify(m.doc));
      const o = JSON.parse(r.text) as Outcome;
      const ok = (o.ok ? r.status === 200 : r.status === 400 && names(o, m.field)) && !LEAK.test(r.text);
      count('experiments.plan (request)', ok, o.ok);
      expect(ok, `${m.kind} ${m.field}=${JSON.stringify(m.value)}: ${r.text.slice(0, 300)}`).toBe(true);
    }
  });

  it('trace files outside the upload store are never opened, whatever the path', { timeout: 300_000 }, async () => {
    const rnd = seeded(SEED + 2);
    const outside = ['/etc/passwd', '/etc/shadow', '/proc/self/environ', '../../../etc/hosts', path.join(root, 'ui', 'index.html'), '/dev/zero', '\u0000/etc/passwd', 'file:///etc/passwd', '~/.ssh/id_rsa', `${tracesDir}/../../ui/index.html`];
    for (let i = 0; i < 40; i++) {
      const file = pick(rnd, outside) + (rnd() < 0.3 ? '.gz' : '');
      const scenario = { cvs: { count: 2 }, svs: { count: 1 }, slots: 5, mobility: { kind: 'sumo-fcd', file } };
      const method = pick(rnd, ['scenario.preview', 'scenario.validate', 'experiments.plan', 'experiments.start']);
      const body = method.startsWith('experiments') ? { env: 'vec-dnn', scenario, algos: [{ algo: 'greedy' }], episodes: 1 } : { env: 'vec-dnn', scenario };
      const r = await post(method, JSON.stringify(body));
      const o = JSON.parse(r.text) as Outcome & { result?: { ok?: boolean } };
      const refused = method === 'scenario.validate' ? r.status === 200 && o.result?.ok === false : r.status === 400;
      // The refusal may repeat the path the user gave; nothing else of the server's folders.
      const said = r.text.split(JSON.stringify(file).slice(1, -1)).join('F');
      const ok = refused && names(o, 'mobility.file') && !LEAK.test(said) && !/root:|127\.0\.0\.1\s+localhost/.test(said);
      count('trace path confinement', ok);
      expect(ok, `${method} ${file}: ${r.status} ${r.text.slice(0, 300)}`).toBe(true);
    }
    expect(opened.filter((p) => !path.resolve(p).startsWith(tracesDir + path.sep))).toEqual([]);
    expect(await engine.invoke('jobs.list', {})).toEqual([]);
  });

  it('broken and hostile SUMO traces through scenario.importTrace', { timeout: 300_000 }, async () => {
    const rnd = seeded(SEED + 3);
    const valid = fs.readFileSync(path.join(import.meta.dirname, '../fixtures/sumo/highway.fcd.xml'), 'utf8');
    for (const t of badTraces(valid, rnd, 40)) {
      const fileName = `user ${t.name}.xml`;
      const r = await post('scenario.importTrace', JSON.stringify({ fileName, xml: t.xml }));
      const o = JSON.parse(r.text) as Outcome & { result?: { vehicleIds: string[] } };
      const ok = o.ok
        ? r.status === 200 && !o.result!.vehicleIds.some((id) => id.includes('root:')) && finiteResult(o.result)
        : r.status === 400 && (o.error!.message.includes(fileName) || /^fileName|^xml/.test(o.error!.issues[0]?.path ?? ''));
      // An accepted upload answers with its stored path (the scenario refers to it); anything else stays in.
      const said = o.ok ? JSON.stringify({ ...o.result, file: 'F' }) : r.text;
      count('scenario.importTrace', ok && !LEAK.test(said), o.ok);
      expect(ok, `${t.name}: ${r.text.slice(0, 300)}`).toBe(true);
      expect(said, t.name).not.toMatch(LEAK);
    }
    expect(opened.filter((p) => !path.resolve(p).startsWith(tracesDir + path.sep))).toEqual([]);
  });

  it('raw API bodies get a 4xx, never a 5xx', { timeout: 300_000 }, async () => {
    const rnd = seeded(SEED + 4);
    const methods = ['scenario.validate', 'scenario.preview', 'experiments.plan', 'experiments.start', 'scenario.importTrace', 'runs.get', 'export.read', 'jobs.control', 'nope', '%2e%2e'];
    for (const body of badBodies(rnd, 60)) {
      const method = pick(rnd, methods);
      const r = await post(method, body);
      // scenario.validate answers a report: 200 with ok: false and the issues (a refusal all the same).
      const report = method === 'scenario.validate' && r.status === 200 && (JSON.parse(r.text) as { result?: { ok?: boolean } }).result?.ok === false;
      const ok = (report || (r.status >= 400 && r.status < 500)) && !LEAK.test(r.text);
      count('raw API bodies', ok);
      expect(ok, `${method} ${JSON.stringify(body.slice(0, 80))}: ${r.status} ${r.text.slice(0, 300)}`).toBe(true);
    }
    expect(serverLog.filter((l) => /failed|internal/.test(l))).toEqual([]);
  });

  it('bad eval-slot inputs: a one-line input error naming a field, or a finite answer', () => {
    const rnd = seeded(SEED + 5);
    const base: Json = {
      state: {
        cvs: [{ model: 'alexnet', cpuHz: 5e9, queue: 0, distRsu: 100, distSv: [50], fadingRsu: 1, fadingSv: [1] }],
        svs: [{ cpuHz: 7e9, queue: 0 }],
        rsuQueues: { alexnet: 0 },
      },
      decisions: [{ cut: 3, target: 1 }],
    };
    expect(JSON.parse(runVecDnnEvalSlot(JSON.stringify(base))).reward).toBeTypeOf('number');
    for (let i = 0; i < 60; i++) {
      const m = mutate(base, rnd);
      let ok: boolean;
      let detail = '';
      try {
        const out = runVecDnnEvalSlot(JSON.stringify(m.doc));
        ok = finiteResult(JSON.parse(out));
        detail = out.slice(0, 200);
        count('eval-slot (vec-dnn)', ok, true);
      } catch (err) {
        const report = describeError(err);
        detail = report.line;
        ok = report.exitCode === 2 && !LEAK.test(report.line) && (names({ ok: false, error: { message: report.line, issues: [] } }, m.field) || /is not finite/.test(report.line));
        count('eval-slot (vec-dnn)', ok);
      }
      expect(ok, `${m.kind} ${m.field}=${JSON.stringify(m.value)}: ${detail}`).toBe(true);
    }
  });

  it('eval-slot input with a byte-order mark is read as without one', () => {
    const rnd = seeded(SEED + 7);
    const base: Json = {
      state: { cvs: [{ model: 'alexnet', cpuHz: 5e9, queue: 0, distRsu: 100, distSv: [50] }], svs: [{ cpuHz: 7e9 }] },
      decisions: [{ cut: 3, target: 1 }],
    };
    const outcome = (text: string) => {
      try {
        return runVecDnnEvalSlot(text);
      } catch (err) {
        return describeError(err).line;
      }
    };
    for (let i = 0; i < 20; i++) {
      const text = JSON.stringify(i === 0 ? base : mutate(base, rnd).doc);
      const same = outcome(`\uFEFF${text}`) === outcome(text);
      count('eval-slot with a byte-order mark', same);
      expect(same, text.slice(0, 200)).toBe(true);
    }
  });

  it('handles every input it tried', () => {
    const total = [...counts.values()].reduce((a, c) => ({ tried: a.tried + c.tried, handled: a.handled + c.handled }), { tried: 0, handled: 0 });
    expect(total.tried).toBeGreaterThanOrEqual(400);
    expect(total.handled).toBe(total.tried);
  });
});
