// scenario.traceOverview on a real spider-network trace: vehicle spans in order of first appearance, the road
// outline on its grid, and the window/role choice that the engine then accepts (issue 12, item 7).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readTraceOverview, traceOverview } from '../../src-main/engine/trace-overview';
import { readFcdWindow } from '../../src-main/sim/mobility/sumo-fcd';
import { earliestFullWindowStart, fittingWindows, pickRoles } from '../../src-shared/mobility/trace-window';

const fixture = path.resolve(__dirname, '../fixtures/sumo/spider.fcd.xml.gz');

describe('trace overview (spider network)', () => {
  it('lists every vehicle with its span and outlines the roads on a 4 m grid', async () => {
    const o = await readTraceOverview(fixture, 'spider.fcd.xml');
    expect(o.vehicles).toHaveLength(80);
    expect(o.vehicles[0]).toEqual({ id: '0', firstTimeS: 0, lastTimeS: 52 });
    expect(o.vehicles[1]).toEqual({ id: '1', firstTimeS: 2, lastTimeS: 38 });
    expect(o.outline.length).toBeGreaterThan(300);
    expect(o.outline.every(([x, y]) => x % 4 === 0 && y % 4 === 0)).toBe(true);
    expect(new Set(o.outline.map((p) => p.join())).size).toBe(o.outline.length);
    expect(o.bounds.minX).toBeGreaterThan(-10);
    expect(o.bounds.maxX).toBeLessThan(800);
  });

  it('the earliest start with 12 vehicles on the road fails when the first 12 ids are taken; picked roles work', async () => {
    const { vehicles } = await readTraceOverview(fixture);
    const start = earliestFullWindowStart(vehicles, 12, 29);
    expect(start).toBe(18);
    const plain = fs.mkdtempSync(path.join(os.tmpdir(), 'vecwb-spider-'));
    const file = path.join(plain, 'spider.fcd.xml');
    fs.writeFileSync(file, zlib.gunzipSync(fs.readFileSync(fixture)));
    // What importing did before: the start time only; the engine then takes the first 12 ids at slot 1, and
    // vehicle '1' leaves at 38 s, before the episode ends at 47 s.
    await expect(readFcdWindow({ file, slots: 30, slotDurationS: 1, startTimeS: 18, cvCount: 7, svCount: 5 })).rejects.toThrow(
      /vehicle '1' \(CV 2\) is not in .* at time 39 s/,
    );
    const roles = pickRoles(vehicles, 18, 29, 7, 5);
    expect(roles).toEqual({ cvIds: ['0', '2', '3', '4', '5', '7', '8'], svIds: ['6', '9', '10', '11', '12'] });
    const trace = await readFcdWindow({ file, slots: 30, slotDurationS: 1, startTimeS: 18, cvCount: 7, svCount: 5, ...roles! });
    expect(trace.cvs.map((p) => p.id)).toEqual(roles!.cvIds);
    // Every proposed window can be filled the same way.
    for (const w of fittingWindows(vehicles, 12, 29).slice(0, 5)) {
      const pick = pickRoles(vehicles, w.startS, 29, 7, 5)!;
      await expect(readFcdWindow({ file, slots: 30, slotDurationS: 1, startTimeS: w.startS, cvCount: 7, svCount: 5, ...pick })).resolves.toBeTruthy();
    }
  });

  it('is confined to the allowed folders and names a broken file by its label', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vecwb-overview-'));
    expect(() => traceOverview('/etc/passwd', dir, [dir])).toThrow(/mobility\.file/);
    const bad = path.join(dir, 'bad.fcd.xml');
    fs.writeFileSync(bad, '<fcd-export><timestep time="0"><vehicle id="a" x="1" y="oops"/></timestep></fcd-export>');
    await expect(traceOverview(bad, dir, [dir])).rejects.toThrow(/bad\.fcd\.xml:1: <vehicle id="a" x="1" y="oops">/);
  });
});
