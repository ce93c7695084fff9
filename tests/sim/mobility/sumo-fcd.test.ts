import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../../src-shared/errors';
import { listFcdVehicles, readFcdWindow, type FcdWindowRequest } from '../../../src-main/sim/mobility/sumo-fcd';
import { FIXTURE_FCD, regexPosition, regexTimesteps } from './fcd-regex';

const steps = regexTimesteps(FIXTURE_FCD);
const dir = mkdtempSync(join(tmpdir(), 'vecwb-fcd-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let fileCounter = 0;
function tempFile(text: string | Buffer, ext = '.xml'): string {
  const file = join(dir, `t${fileCounter++}${ext}`);
  writeFileSync(file, text);
  return file;
}

type V = [id: string, x: number, y: number];
function timestepXml(time: string, vehicles: V[]): string {
  const rows = vehicles.map(([id, x, y]) => `    <vehicle id="${id}" x="${x}" y="${y}" angle="90.00" speed="25.00" lane="e_0"/>`);
  return `  <timestep time="${time}">\n${rows.join('\n')}\n  </timestep>\n`;
}
function fcdXml(body: string, close = true): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<fcd-export>\n${body}${close ? '</fcd-export>\n' : ''}`;
}
/** Vehicles a, b, c at x = 10 * time + offset, so each value identifies its time. */
function abc(time: number): V[] {
  return [
    ['a', 10 * time, 1],
    ['b', 10 * time + 1, 2],
    ['c', 10 * time + 2, 3],
  ];
}

const req = (over: Partial<FcdWindowRequest>): FcdWindowRequest => ({
  file: FIXTURE_FCD,
  slots: 30,
  slotDurationS: 1,
  startTimeS: 10,
  cvCount: 7,
  svCount: 5,
  ...over,
});

describe('SUMO FCD import: the committed fixture', () => {
  it('fills CVs then SVs with the ids present at the window start, in file order, positions as in the XML', async () => {
    const tr = await readFcdWindow(req({}));
    const atStart = steps.find((s) => s.timeS === 10)!.vehicles.map((v) => v.id);
    expect(tr.slots).toBe(30);
    expect(tr.cvs.map((p) => p.id)).toEqual(atStart.slice(0, 7));
    expect(tr.svs.map((p) => p.id)).toEqual(atStart.slice(7, 12));
    for (const p of [...tr.cvs, ...tr.svs]) {
      for (let k = 0; k < 30; k++) {
        const want = regexPosition(steps, p.id, 10 + k);
        expect(p.x[k]).toBe(want.x);
        expect(p.y[k]).toBe(want.y);
      }
    }
  });

  it('reads a specific vehicle at a specific time exactly as written in the file', async () => {
    const text = readFileSync(FIXTURE_FCD, 'utf8');
    const block = text.split('<timestep time="25.00">')[1].split('</timestep>')[0];
    const m = /<vehicle id="veh03" x="([^"]+)" y="([^"]+)"/.exec(block)!;
    const tr = await readFcdWindow(req({ startTimeS: 10, cvIds: ['veh03'], cvCount: 1, svCount: 1 }));
    // slot t = 16 <-> time 10 + 15 * 1 s
    expect(tr.cvs[0].x[15]).toBe(Number(m[1]));
    expect(tr.cvs[0].y[15]).toBe(Number(m[2]));
  });

  it('selects the window startTimeS + (t-1) tau, here every 2 s from 20 s', async () => {
    const tr = await readFcdWindow(req({ startTimeS: 20, slotDurationS: 2, slots: 10, cvCount: 2, svCount: 1 }));
    for (const p of [...tr.cvs, ...tr.svs]) {
      for (let k = 0; k < 10; k++) expect(p.x[k]).toBe(regexPosition(steps, p.id, 20 + 2 * k).x);
    }
  });

  it('keeps explicit ids in the given order, and fills only the missing role', async () => {
    const tr = await readFcdWindow(
      req({ cvIds: ['veh12', 'veh05'], svIds: ['veh19'], cvCount: 2, svCount: 1, slots: 5, startTimeS: 30 }),
    );
    expect(tr.cvs.map((p) => p.id)).toEqual(['veh12', 'veh05']);
    expect(tr.svs.map((p) => p.id)).toEqual(['veh19']);
    expect(tr.svs[0].x[4]).toBe(regexPosition(steps, 'veh19', 34).x);

    const onlyCvs = await readFcdWindow(req({ cvIds: ['veh00', 'veh02'], cvCount: 2, svCount: 3, slots: 3 }));
    expect(onlyCvs.svs.map((p) => p.id)).toEqual(['veh01', 'veh03', 'veh04']);
  });

  it('lists every vehicle with its first and last time, like a regex count of the file', async () => {
    const list = await listFcdVehicles(FIXTURE_FCD);
    const expected = new Map<string, { first: number; last: number; n: number }>();
    for (const s of steps) {
      for (const v of s.vehicles) {
        const e = expected.get(v.id);
        if (e) {
          e.last = s.timeS;
          e.n++;
        } else expected.set(v.id, { first: s.timeS, last: s.timeS, n: 1 });
      }
    }
    expect(list.map((v) => v.id)).toEqual([...expected.keys()]);
    expect(list).toHaveLength(20);
    for (const v of list) {
      const e = expected.get(v.id)!;
      expect([v.firstTimeS, v.lastTimeS, v.samples]).toEqual([e.first, e.last, e.n]);
    }
    expect(list[0]).toEqual({ id: 'veh00', firstTimeS: 0, lastTimeS: 60, samples: 61 });
  });

  it('reads a gzipped trace the same way', async () => {
    const gz = tempFile(gzipSync(readFileSync(FIXTURE_FCD)), '.xml.gz');
    const plain = await readFcdWindow(req({ slots: 5 }));
    const zipped = await readFcdWindow(req({ file: gz, slots: 5 }));
    expect(zipped.cvs.map((p) => Array.from(p.x))).toEqual(plain.cvs.map((p) => Array.from(p.x)));
  });

  it('complains about too few vehicles at the window start, naming the fields', async () => {
    // At t = 0 only veh00 is on the road.
    await expect(readFcdWindow(req({ startTimeS: 0 }))).rejects.toThrow(
      /at trace time 0 s \(mobility\.startTimeS, slot 1\) the trace has 1 vehicle, but 12 are needed to fill the 7 CVs and 5 SVs/,
    );
  });
});

describe('SUMO FCD import: small hand-written traces', () => {
  it('picks the exact slot times from a finer trace (0.5 s steps, tau = 1 s)', async () => {
    const body = [0, 0.5, 1, 1.5, 2, 2.5, 3].map((t) => timestepXml(t.toFixed(2), abc(t))).join('');
    const file = tempFile(fcdXml(body));
    const tr = await readFcdWindow({ file, slots: 3, slotDurationS: 1, startTimeS: 1, cvCount: 2, svCount: 1 });
    expect(Array.from(tr.cvs[0].x)).toEqual([10, 20, 30]);
    expect(Array.from(tr.cvs[1].x)).toEqual([11, 21, 31]);
    expect(Array.from(tr.svs[0].y)).toEqual([3, 3, 3]);
  });

  it('matches decimal times within 1e-6 s (3 x 0.1 is not 0.3 in floating point)', async () => {
    const body = [0, 1, 2, 3, 4].map((i) => timestepXml((i / 10).toFixed(2), abc(i))).join('');
    const file = tempFile(fcdXml(body));
    const tr = await readFcdWindow({ file, slots: 4, slotDurationS: 0.1, startTimeS: 0.1, cvCount: 1, svCount: 1 });
    expect(Array.from(tr.cvs[0].x)).toEqual([10, 20, 30, 40]);
  });

  it('names the missing time and slot when a needed timestep is absent', async () => {
    const body = [0, 1, 3, 4].map((t) => timestepXml(t.toFixed(2), abc(t))).join('');
    const file = tempFile(fcdXml(body));
    const run = readFcdWindow({ file, slots: 4, slotDurationS: 1, startTimeS: 0, cvCount: 1, svCount: 1 });
    await expect(run).rejects.toThrow(UserError);
    await expect(
      readFcdWindow({ file, slots: 4, slotDurationS: 1, startTimeS: 0, cvCount: 1, svCount: 1 }),
    ).rejects.toThrow(/no timestep at time 2 s, needed for slot 3 \(mobility\.startTimeS = 0 s/);
  });

  it('says where the trace ends when the window runs past it', async () => {
    const body = [0, 1, 2].map((t) => timestepXml(t.toFixed(2), abc(t))).join('');
    const file = tempFile(fcdXml(body));
    await expect(
      readFcdWindow({ file, slots: 5, slotDurationS: 1, startTimeS: 1, cvCount: 1, svCount: 1 }),
    ).rejects.toThrow(/no timestep at time 3 s, needed for slot 3 .*timesteps from 0 s to 2 s \(end of file\)/);
  });

  it('names the vehicle and time when a chosen vehicle is missing at some slot', async () => {
    const body =
      timestepXml('0.00', abc(0)) +
      timestepXml('1.00', abc(1).filter((v) => v[0] !== 'b')) +
      timestepXml('2.00', abc(2));
    const file = tempFile(fcdXml(body));
    await expect(
      readFcdWindow({ file, slots: 3, slotDurationS: 1, startTimeS: 0, cvCount: 2, svCount: 1 }),
    ).rejects.toThrow(/vehicle 'b' \(CV 2\) is not in .* at time 1 s \(slot 2\)/);
  });

  it('lists known ids for an unknown explicit id', async () => {
    const file = tempFile(fcdXml([0, 1].map((t) => timestepXml(`${t}.00`, abc(t))).join('')));
    await expect(
      readFcdWindow({ file, slots: 2, slotDurationS: 1, startTimeS: 0, cvCount: 1, svCount: 1, cvIds: ['ghost'] }),
    ).rejects.toThrow(/vehicle id 'ghost' \(CV 1, mobility\.cvIds\) does not occur in .*known ids include 'a', 'b', 'c'/);
    await expect(
      readFcdWindow({ file: FIXTURE_FCD, slots: 2, slotDurationS: 1, startTimeS: 10, cvCount: 1, svCount: 1, svIds: ['vehXX'] }),
    ).rejects.toThrow(/'vehXX' \(SV 1, mobility\.svIds\).*known ids include 'veh00', .*\(20 in total\)/);
  });

  it('rejects id lists that do not match the CV/SV counts or repeat an id', async () => {
    await expect(readFcdWindow(req({ cvIds: ['veh00'], cvCount: 2 }))).rejects.toThrow(
      /mobility\.cvIds lists 1 vehicle ids but the scenario has 2 CVs \(cvs\.count\)/,
    );
    await expect(readFcdWindow(req({ cvIds: ['veh00'], svIds: ['veh00'], cvCount: 1, svCount: 1 }))).rejects.toThrow(
      /'veh00' is listed twice/,
    );
  });

  it('reports malformed XML with the file name and line:column', async () => {
    const text = fcdXml(timestepXml('0.00', abc(0)) + '  <timestep time="1.00">\n    <vehicle id="a" x="1" y="2">\n  </timestep>\n');
    const file = tempFile(text);
    const err = await readFcdWindow({ file, slots: 2, slotDurationS: 1, startTimeS: 0, cvCount: 1, svCount: 1 }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(UserError);
    const message = (err as Error).message;
    expect(message).toContain('malformed FCD XML');
    expect(message).toContain(file);
    // the stray </timestep> closing the unclosed <vehicle> is on line 10
    expect(message).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:10:\\d+: `));
  });

  it('reports a truncated file, a non-number coordinate, a wrong root and a missing file', async () => {
    const truncated = tempFile(fcdXml(timestepXml('0.00', abc(0)) + '  <timestep time="1.00">\n    <vehicle id="a" x="1"', false));
    await expect(
      readFcdWindow({ file: truncated, slots: 2, slotDurationS: 1, startTimeS: 0, cvCount: 1, svCount: 1 }),
    ).rejects.toThrow(/malformed FCD XML: .*t\d+\.xml:\d+:\d+: /);

    const badX = tempFile(fcdXml(timestepXml('0.00', [['a', 1, 2]]).replace('x="1"', 'x="east"')));
    await expect(
      readFcdWindow({ file: badX, slots: 1, slotDurationS: 1, startTimeS: 0, cvCount: 1, svCount: 0 }),
    ).rejects.toThrow(/:\d+:\d+: <vehicle> attribute x="east" is not a finite number/);

    const route = tempFile('<routes>\n  <vehicle id="a" depart="0"/>\n</routes>\n');
    await expect(
      readFcdWindow({ file: route, slots: 1, slotDurationS: 1, startTimeS: 0, cvCount: 1, svCount: 0 }),
    ).rejects.toThrow(/root element is <routes>, expected <fcd-export>/);

    await expect(listFcdVehicles(join(dir, 'does-not-exist.xml'))).rejects.toThrow(
      /cannot read FCD file .*does-not-exist\.xml: ENOENT/,
    );
  });

  it('stops reading after the window: an invalid tail right after it does not matter', async () => {
    const body = [0, 1, 2].map((t) => timestepXml(`${t}.00`, abc(t))).join('');
    const file = tempFile(fcdXml(body, false) + '  <timestep time="3.00">\n    <vehicle id="a" x="1" y="2"></timestep>\n<<<&&&');
    const tr = await readFcdWindow({ file, slots: 3, slotDurationS: 1, startTimeS: 0, cvCount: 2, svCount: 1 });
    expect(Array.from(tr.cvs[0].x)).toEqual([0, 10, 20]);
    // Reading the whole file does fail, so the tail really is invalid.
    await expect(listFcdVehicles(file)).rejects.toThrow(/malformed FCD XML/);
  });

  it('stops reading after the window: garbage several chunks later is never read', async () => {
    let body = '';
    for (let t = 0; t < 3000; t++) body += timestepXml(`${t}.00`, abc(t)); // ~0.6 MB, many 64 KiB chunks
    const file = tempFile(fcdXml(body, false) + '<<< not xml &&&');
    const tr = await readFcdWindow({ file, slots: 3, slotDurationS: 1, startTimeS: 5, cvCount: 1, svCount: 1 });
    expect(Array.from(tr.cvs[0].x)).toEqual([50, 60, 70]);
    await expect(listFcdVehicles(file)).rejects.toThrow(/malformed FCD XML/);
  });
});
