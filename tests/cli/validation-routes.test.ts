// Issue 13 item 6: one validation per thing, used by every route. Each bad scenario below is refused with the same
// message by `vecwb scenario validate`, `vecwb run`, and the web API's scenario.validate, scenario.preview,
// experiments.plan and experiments.start; a bad trace is refused by the upload (scenario.importTrace) as well.
// A UTF-8 byte-order mark at the start of a scenario file is accepted everywhere a file is read.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src-main/engine/engine';
import { startServer, type RunningServer } from '../../src-main/server/server';
import { FakeExecutor } from '../engine/fake-executor';
import { runCli } from './in-process-cli';

const TOKEN = 'validation-routes-token-0123456789';
let engine: Engine;
let server: RunningServer;
let dir: string;

/** A SUMO FCD trace of three vehicles near the default RSU (x 500, y -10) at times 0, 1, 2 s; `edit` breaks it. */
function trace(edit: (lines: string[]) => string[] = (l) => l): string {
  const steps = [0, 1, 2].map((t) => [
    `  <timestep time="${t}.00">`,
    ...['a', 'b', 'c'].map((id, i) => `    <vehicle id="${id}" x="${400 + 10 * t + i}" y="-8.00" speed="10"/>`),
    '  </timestep>',
  ]);
  return ['<fcd-export>', ...edit(steps.flat()), '</fcd-export>', ''].join('\n');
}

const fcdScenario = (file: string) => ({ slots: 3, cvs: { count: 2 }, svs: { count: 1 }, mobility: { kind: 'sumo-fcd', file } });

interface Case {
  name: string;
  scenario: Record<string, unknown>;
  /** The field refused and what is said about it. */
  field: string;
  detail: string | RegExp;
  /** 'schema': a ValidationError (a list of fields); 'field': a FieldError (one line). */
  kind: 'schema' | 'field';
  /** The broken trace the scenario reads (also uploaded), if any. */
  xml?: string;
}

const cases: Case[] = [
  { name: 'a typo (slotz)', scenario: { slotz: 30 }, field: 'slotz', detail: "unknown key 'slotz' in scenario; did you mean 'slots'?", kind: 'schema' },
  {
    name: 'a nested typo',
    scenario: { rsu: { coverageRadiusMz: 300 } },
    field: 'rsu.coverageRadiusMz',
    detail: "unknown key 'rsu.coverageRadiusMz' in scenario; did you mean 'rsu.coverageRadiusM'?",
    kind: 'schema',
  },
  { name: 'env: 3', scenario: { env: 3 }, field: 'env', detail: 'expected one of "vec-dnn" | "isac-dt", got 3', kind: 'schema' },
  { name: 'an absurd CPU frequency', scenario: { cvs: { cpuHz: { min: 4e9, max: 1e308 } } }, field: 'cvs.cpuHz.max', detail: 'got 1e308; allowed 1e6..1e12', kind: 'schema' },
  { name: 'an absurd RSU position', scenario: { rsu: { x: 1e308 } }, field: 'rsu.x', detail: 'got 1e308; allowed -1e7..1e7', kind: 'schema' },
  {
    name: 'an unknown model in modelMix',
    scenario: { cvs: { modelMix: ['AlexNet', 'nope'] } },
    field: 'cvs.modelMix.1',
    detail: 'unknown DNN model "nope"; known models: AlexNet, ResNet18, VGG16',
    kind: 'field',
  },
  {
    name: 'coverageRadiusM: 1',
    scenario: { rsu: { coverageRadiusM: 1 } },
    field: 'rsu.coverageRadiusM',
    detail: /^a highway vehicle \(start 0 m, 20 m\/s, lane 1 of 3\) is outside the RSU coverage at slot 1: .* rsu\.coverageRadiusM = 1\./,
    kind: 'field',
  },
  { name: 'a missing trace file', scenario: fcdScenario('missing.fcd.xml'), field: 'mobility.file', detail: "trace file 'missing.fcd.xml' does not exist", kind: 'field' },
  {
    name: 'decreasing timesteps',
    scenario: fcdScenario('decreasing.fcd.xml'),
    xml: trace((l) => l.map((s) => s.replace('time="2.00"', 'time="0.50"'))),
    field: 'mobility.file',
    detail: /decreasing\.fcd\.xml:\d+:\d+: timestep time 0\.5 s comes after 1 s; times must increase$/,
    kind: 'field',
  },
  {
    name: 'a duplicate timestep',
    scenario: fcdScenario('duplicate-time.fcd.xml'),
    xml: trace((l) => l.map((s) => s.replace('time="2.00"', 'time="1.00"'))),
    field: 'mobility.file',
    detail: /duplicate-time\.fcd\.xml:\d+:\d+: a second timestep for time 1 s; times must increase$/,
    kind: 'field',
  },
  {
    name: 'a vehicle twice in one timestep',
    scenario: fcdScenario('duplicate-vehicle.fcd.xml'),
    xml: trace((l) => l.map((s) => s.replace('id="b" x="411"', 'id="a" x="411"'))),
    field: 'mobility.file',
    detail: /duplicate-vehicle\.fcd\.xml:\d+:\d+: vehicle 'a' appears twice at time 1 s$/,
    kind: 'field',
  },
  {
    name: 'x = 1e308 in the trace',
    scenario: fcdScenario('huge-x.fcd.xml'),
    xml: trace((l) => l.map((s) => s.replace('x="410"', 'x="1e308"'))),
    field: 'mobility.file',
    detail: /huge-x\.fcd\.xml:\d+:\d+: <vehicle> attribute x="1e308" is outside -1e7\.\.1e7 m$/,
    kind: 'field',
  },
];

beforeAll(async () => {
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'vecwb-routes-')));
  const rendererDir = path.join(dir, 'ui');
  fs.mkdirSync(rendererDir);
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>ui</title>');
  for (const c of cases) if (c.xml) fs.writeFileSync(path.join(dir, String((c.scenario.mobility as { file: string }).file)), c.xml);
  // The scenario files' folder is the engine's base folder, so both resolve the same relative trace paths.
  engine = createEngine({ runsRoot: path.join(dir, 'runs'), shell: 'web', workers: 1, executor: new FakeExecutor(), baseDir: dir });
  server = await startServer({ engine, rendererDir, port: 0, token: TOKEN, log: () => {} });
});

afterAll(async () => {
  await server.close();
  await engine.close();
});

interface Answer {
  status: number;
  json: { ok: boolean; result?: { ok: boolean; issues: { path: string; message: string }[] }; error?: { message: string; issues: { path: string; message: string }[] } };
}

async function api(method: string, body: unknown): Promise<Answer> {
  const res = await fetch(`http://127.0.0.1:${server.port}/api/${method}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

/** The refused field and its message as one route said it; the shapes of the two error kinds. */
function refusal(text: string, kind: Case['kind'], what: RegExp): { field: string; detail: string } {
  const m = kind === 'schema' ? new RegExp(`^${what.source}:\\n {2}- ([\\w.]+): (.*)\\n?$`).exec(text) : /^([\w.]+): (.*)$/.exec(text.replace(/\n$/, ''));
  if (!m) throw new Error(`not a ${kind} refusal: ${JSON.stringify(text)}`);
  return { field: m[1], detail: m[2] };
}

function scenarioFile(c: Case, text = JSON.stringify(c.scenario)): string {
  const file = path.join(dir, `${c.name.replace(/\W+/g, '-')}.json`);
  fs.writeFileSync(file, text);
  return file;
}

describe('every route refuses the same scenarios with the same message', () => {
  for (const c of cases) {
    it(c.name, { timeout: 120_000 }, async () => {
      const file = scenarioFile(c);
      const expectDetail = (detail: string) => (typeof c.detail === 'string' ? expect(detail).toBe(c.detail) : expect(detail).toMatch(c.detail));

      const validated = await runCli('scenario', 'validate', file);
      expect(validated.code).toBe(2);
      expect(validated.out).toBe('');
      const said = refusal(validated.err.replace(/^vecwb: /, ''), c.kind, /invalid vec-dnn scenario/);
      expect(said.field).toBe(c.field);
      expectDetail(said.detail);

      const out = path.join(dir, 'runs-cli', c.name.replace(/\W+/g, '-'));
      const ran = await runCli('run', '--scenario', file, '--algo', 'greedy', '--episodes', '1', '--out', out);
      expect(ran.code).toBe(2);
      expect(ran.err).toBe(validated.err);

      const v = await api('scenario.validate', { env: 'vec-dnn', scenario: c.scenario });
      expect(v.status).toBe(200);
      expect(v.json.result).toMatchObject({ ok: false, issues: [{ path: said.field, message: said.detail }] });

      const preview = await api('scenario.preview', { env: 'vec-dnn', scenario: c.scenario });
      if (c.field === 'rsu.coverageRadiusM') {
        // The road preview shows where a vehicle leaves the coverage (a warning) instead of refusing.
        expect(preview.status).toBe(200);
      } else {
        expect(preview.status).toBe(400);
        expect(refusal(preview.json.error!.message, c.kind, /invalid vec-dnn scenario/)).toEqual(said);
      }

      for (const method of ['experiments.plan', 'experiments.start']) {
        const r = await api(method, { env: 'vec-dnn', scenario: c.scenario, algos: [{ algo: 'greedy' }], episodes: 1 });
        expect(r.status, method).toBe(400);
        const inRequest = refusal(r.json.error!.message, c.kind, /invalid scenario of run "[^"]+"/);
        expect(inRequest).toEqual({ field: `scenario.${said.field}`, detail: said.detail });
        // The form marks the field: the refusal carries it as an issue whichever kind it is.
        expect(r.json.error!.issues).toEqual([{ path: `scenario.${said.field}`, message: said.detail }]);
      }
      expect((await api('jobs.list', {})).json.result).toEqual([]);

      if (c.xml) {
        const fileName = `my ${c.name}.xml`;
        const uploaded = await api('scenario.importTrace', { fileName, xml: c.xml });
        expect(uploaded.status).toBe(400);
        const core = said.detail.replace(/^.*?:\d+:\d+: /, '');
        expect(uploaded.json.error!.message).toMatch(new RegExp(`^${fileName}:\\d+:\\d+: `));
        expect(uploaded.json.error!.message.endsWith(core)).toBe(true);
      }
    });
  }

  it('what validate accepts, run accepts: a valid trace scenario', { timeout: 120_000 }, async () => {
    fs.writeFileSync(path.join(dir, 'good.fcd.xml'), trace());
    const file = path.join(dir, 'good.json');
    fs.writeFileSync(file, JSON.stringify(fcdScenario('good.fcd.xml')));
    expect((await runCli('scenario', 'validate', file)).code).toBe(0);
    expect((await runCli('run', '--scenario', file, '--algo', 'greedy', '--episodes', '1', '--out', path.join(dir, 'runs-cli', 'good'))).code).toBe(0);
    expect((await api('scenario.validate', { env: 'vec-dnn', scenario: fcdScenario('good.fcd.xml') })).json.result).toMatchObject({ ok: true });
    expect((await api('scenario.importTrace', { fileName: 'good.xml', xml: trace() })).status).toBe(200);
  });
});

describe('an experiment request is strict too', () => {
  it('a typo in the request or an algorithm choice names the key meant', async () => {
    const r = await api('experiments.plan', { env: 'vec-dnn', algos: [{ algo: 'greedy', hyperr: {} }], episodez: 3, episodes: 1 });
    expect(r.status).toBe(400);
    expect(r.json.error!.issues).toEqual([
      { path: 'algos.0.hyperr', message: "unknown key 'algos.0.hyperr' in params; did you mean 'algos.0.hyper'?" },
      { path: 'episodez', message: "unknown key 'episodez' in params; did you mean 'episodes'?" },
    ]);
  });
});

describe('a UTF-8 byte-order mark at the start of a scenario file', () => {
  it('is accepted by scenario validate and run, and the file means what it says', { timeout: 120_000 }, async () => {
    const file = path.join(dir, 'bom.json');
    fs.writeFileSync(file, `\uFEFF${JSON.stringify({ slots: 4, cvs: { count: 2 } })}`);
    const validated = await runCli('scenario', 'validate', file);
    expect(validated.err).toBe('');
    expect(validated.code).toBe(0);
    expect(JSON.parse(validated.out)).toMatchObject({ slots: 4, cvs: { count: 2 } });
    const out = path.join(dir, 'runs-cli', 'bom');
    const ran = await runCli('run', '--scenario', file, '--algo', 'greedy', '--episodes', '1', '--out', out);
    expect(ran.code).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(out, 'config.json'), 'utf8')).scenario.slots).toBe(4);
  });

  it('and an isac-dt file with one: its env field is read', { timeout: 120_000 }, async () => {
    const file = path.join(dir, 'bom-isac.json');
    fs.writeFileSync(file, `\uFEFF${JSON.stringify({ env: 'isac-dt', slots: 5 })}`);
    const validated = await runCli('scenario', 'validate', file);
    expect(validated.code).toBe(0);
    expect(JSON.parse(validated.out)).toMatchObject({ env: 'isac-dt', slots: 5 });
  });
});
