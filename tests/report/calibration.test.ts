// The projection's calibration file: its schema (one-line errors naming the field), the store that lays it over
// the static cost table (or falls back with a note), the projection it changes, and `vecwb reproduce --list`
// naming the cost source. No calibration is run here (bench/calibrate.ts measures for minutes' worth of slots).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { experimentRequestSchema, planExperiment } from '../../src-shared/api/experiments';
import { calibratedCostTable, parseCalibration, type Calibration } from '../../src-shared/reproduction/calibration';
import { ALGO_COSTS, projectExperiment, projectRunSeconds, RUN_OVERHEAD_S, STATIC_COST_TABLE } from '../../src-shared/reproduction/projection';
import { calibrationPath, costSourceLine, loadCostTable } from '../../src-main/engine/calibration-store';
import { listExperiments } from '../../src-main/engine/reproduce-list';

const valid: Calibration = {
  version: 1,
  measuredAt: '2026-12-07T08:30:00.000Z',
  machine: { cpu: 'Test CPU 3000', cores: 2, loadAverage: 1.5 },
  source: 'npm run bench -- --calibrate',
  backend: 'wasm',
  algorithms: {
    mad2rl: { msPerSlot: 40, evalMsPerSlot: 1, agents: 7, learner: true, slotsTimed: 53, evalSlotsTimed: 400 },
    greedy: { msPerSlot: 0.5, evalMsPerSlot: 0.5, agents: 7, learner: false, slotsTimed: 1000, evalSlotsTimed: 1000 },
  },
};

function errorOf(data: unknown): string {
  const r = parseCalibration(data);
  if (r.ok) throw new Error('expected a malformed calibration');
  return r.error;
}

describe('calibration file schema', () => {
  it('parses a valid file', () => {
    const r = parseCalibration(JSON.parse(JSON.stringify(valid)));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.calibration.algorithms.mad2rl.msPerSlot).toBe(40);
  });

  it('rejects bad files with one line naming the field', () => {
    const cases: [unknown, RegExp][] = [
      [{ ...valid, version: 2 }, /^version: /],
      [{ ...valid, measuredAt: 'yesterday' }, /^measuredAt: /],
      [{ ...valid, machine: { cpu: 'x' } }, /^machine\.cores: /],
      [{ ...valid, algorithms: { mad2rl: { ...valid.algorithms.mad2rl, msPerSlot: -1 } } }, /^algorithms\.mad2rl\.msPerSlot: /],
      [{ ...valid, algorithms: { mad2rl: { ...valid.algorithms.mad2rl, agents: 'seven' } } }, /^algorithms\.mad2rl\.agents: /],
      [{ ...valid, algorithms: {} }, /^algorithms: no algorithm measured/],
      [{ ...valid, sauce: 1 }, /sauce/],
      ['not an object', /^\(root\): /],
    ];
    for (const [data, re] of cases) {
      const e = errorOf(data);
      expect(e).toMatch(re);
      expect(e).not.toContain('\n');
      expect(e).not.toMatch(/ at .*\.ts:\d+/);
    }
  });
});

describe('calibration store', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vecwb-calib-'));
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is $VECWB_CALIBRATION, else under $XDG_CONFIG_HOME, else ~/.config', () => {
    expect(calibrationPath({ VECWB_CALIBRATION: path.join(dir, 'c.json'), XDG_CONFIG_HOME: '/x' })).toBe(path.join(dir, 'c.json'));
    expect(calibrationPath({ XDG_CONFIG_HOME: '/x' })).toBe(path.join('/x', 'vecwb', 'calibration.json'));
    expect(calibrationPath({})).toBe(path.join(os.homedir(), '.config', 'vecwb', 'calibration.json'));
  });

  it('lays calibrated entries over the static table; the others keep theirs', () => {
    const file = path.join(dir, 'calibration.json');
    fs.writeFileSync(file, JSON.stringify(valid));
    const t = loadCostTable({ VECWB_CALIBRATION: file });
    expect(t.note).toBeNull();
    expect(t.calibration?.machine.cpu).toBe('Test CPU 3000');
    expect(t.costs.mad2rl).toMatchObject({ msPerSlot: 40, evalMsPerSlot: 1, agents: 7, learner: true });
    expect(t.costs.greedy).toMatchObject({ msPerSlot: 0.5, agents: 7, learner: false });
    expect(t.costs.pqmix).toEqual(ALGO_COSTS.pqmix);
    expect(t.costs['ly-masac']).toEqual(ALGO_COSTS['ly-masac']);
    expect(t.basis).toMatch(/^estimate/);
    expect(t.basis).toContain('calibrated by `npm run bench -- --calibrate` on 2026-12-07, Test CPU 3000 (2 cores');
    expect(t.basis).toContain('pqmix');
    expect(costSourceLine(t)).toContain(file);
  });

  it('falls back to the static table with a note on a missing or malformed file', () => {
    const missing = loadCostTable({ VECWB_CALIBRATION: path.join(dir, 'none.json') });
    expect(missing.costs).toBe(ALGO_COSTS);
    expect(missing.basis).toBe(STATIC_COST_TABLE.basis);
    expect(missing.note).toMatch(/no calibration file at .*none\.json/);

    const notJson = path.join(dir, 'broken.json');
    fs.writeFileSync(notJson, '{ "version": 1,');
    const broken = loadCostTable({ VECWB_CALIBRATION: notJson });
    expect(broken.costs).toBe(ALGO_COSTS);
    expect(broken.note).toMatch(/not valid JSON/);

    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify({ ...valid, machine: { ...valid.machine, cores: 0 } }));
    const malformed = loadCostTable({ VECWB_CALIBRATION: bad });
    expect(malformed.costs).toBe(ALGO_COSTS);
    expect(malformed.note).toMatch(/malformed: machine\.cores: /);
    expect(malformed.note).not.toContain('\n');
    expect(costSourceLine(malformed)).toMatch(/^Cost source: the static cost table/);
  });
});

describe('projection with a calibrated table', () => {
  const exp = experimentRequestSchema.parse({
    env: 'vec-dnn',
    scenario: { cvs: { count: 7 }, slots: 30 },
    algos: [{ algo: 'mad2rl' }, { algo: 'pqmix' }],
    episodes: 100,
    seeds: [1],
    evalEvery: 40,
    evalEpisodes: 5,
  });

  it('changes by the calibrated figures, hand-computed', () => {
    const table = calibratedCostTable(STATIC_COST_TABLE, valid);
    const [mad, pq] = planExperiment(exp);
    // MAD2RL at 7 CVs (its calibrated agents): 100 x 30 slots x 40 ms + 3 points x 5 episodes x 30 slots x 1 ms.
    const madCalibrated = RUN_OVERHEAD_S + (100 * 30 * 40 + 15 * 30 * 1) / 1000;
    expect(projectRunSeconds(mad, table.costs)).toBeCloseTo(madCalibrated, 9);
    // Static: 102 ms and 2.2 ms; the difference is 100 x 30 x 62 ms + 450 x 1.2 ms = 186.54 s.
    expect(projectRunSeconds(mad) - projectRunSeconds(mad, table.costs)).toBeCloseTo(186.54, 9);
    // P-QMIX is not calibrated: the static figure stays.
    expect(projectRunSeconds(pq, table.costs)).toBeCloseTo(projectRunSeconds(pq), 9);
    const p = projectExperiment(exp, table);
    expect(p.seconds).toBeCloseTo(madCalibrated + projectRunSeconds(pq), 9);
    expect(p.basis).toBe(table.basis);
  });

  it('scales a calibrated figure by #CVs over the calibrated agents', () => {
    const five = calibratedCostTable(STATIC_COST_TABLE, { ...valid, algorithms: { greedy: { ...valid.algorithms.greedy, agents: 5 } } });
    const greedyExp = experimentRequestSchema.parse({ ...exp, algos: [{ algo: 'greedy' }] });
    // Greedy has no evaluation points: 100 x 30 slots x 0.5 ms x 7/5.
    expect(projectRunSeconds(planExperiment(greedyExp)[0], five.costs)).toBeCloseTo(RUN_OVERHEAD_S + (100 * 30 * 0.5 * 7) / 5 / 1000, 9);
  });
});

describe('vecwb reproduce --list names its cost source', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vecwb-calib-list-'));
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the calibration file when there is one', () => {
    const file = path.join(dir, 'calibration.json');
    fs.writeFileSync(file, JSON.stringify(valid));
    vi.stubEnv('VECWB_CALIBRATION', file);
    const last = listExperiments().split('\n').at(-1) ?? '';
    expect(last).toMatch(/^Cost source: calibration file /);
    expect(last).toContain(file);
    expect(last).toContain('on 2026-12-07, Test CPU 3000');
  });

  it('the static table, and why, when there is none', () => {
    vi.stubEnv('VECWB_CALIBRATION', path.join(dir, 'absent.json'));
    const last = listExperiments().split('\n').at(-1) ?? '';
    expect(last).toMatch(/^Cost source: the static cost table in src-shared\/reproduction\/projection\.ts; no calibration file at /);
  });

  it('projects fewer hours with cheaper calibrated costs', () => {
    vi.stubEnv('VECWB_CALIBRATION', path.join(dir, 'absent.json'));
    const staticText = listExperiments();
    const file = path.join(dir, 'calibration.json');
    fs.writeFileSync(file, JSON.stringify(valid));
    vi.stubEnv('VECWB_CALIBRATION', file);
    const calibratedText = listExperiments();
    // The header line, smoke, quick, paper, then the paper hours on this machine.
    const paperLine = (text: string) => {
      const lines = text.split('\n');
      return lines[lines.findIndex((l) => l.startsWith('p1-convergence')) + 4] ?? '';
    };
    const hours = (line: string) => Number(/paper on this machine .*?: ~(\d+\.\d) h;/.exec(line)?.[1]);
    // p1-convergence: MAD2RL (calibrated, 40 instead of 102 ms per slot) and P-QMIX (static).
    expect(hours(paperLine(staticText))).toBeGreaterThan(0);
    expect(hours(paperLine(calibratedText))).toBeLessThan(hours(paperLine(staticText)));
  });
});
