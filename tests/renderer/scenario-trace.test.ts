// The scenario store with a SUMO trace (issue 12, item 7), against a real engine in this process: the import
// chooses the first window that fits and names its CVs and SVs, so the engine's preview works on a spider-
// network trace; other windows keep the chosen vehicles that still fit; roles can be set one by one; edits are
// tracked so a preset switch can ask first.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiClient } from '../../src-shared/api/client';
import { createEngine, type Engine } from '../../src-main/engine/engine';
import { setApiClient } from '../../src-renderer/src/api';
import { useScenarioStore } from '../../src-renderer/src/stores/scenario';
import { FakeExecutor } from '../engine/fake-executor';

let engine: Engine;

beforeEach(() => {
  setActivePinia(createPinia());
  engine = createEngine({ runsRoot: fs.mkdtempSync(path.join(os.tmpdir(), 'vecwb-trace-')), shell: 'web', workers: 1, executor: new FakeExecutor() });
  setApiClient(
    createApiClient({
      kind: 'web',
      call: (method, params) => engine.call(method, JSON.parse(JSON.stringify(params))),
      subscribe: () => () => {},
      onStatus: (l) => {
        l('open');
        return () => {};
      },
    }),
  );
});

afterEach(async () => {
  await engine.close();
});

const spiderXml = () => zlib.gunzipSync(fs.readFileSync(path.resolve(__dirname, '../fixtures/sumo/spider.fcd.xml.gz'))).toString('utf8');

describe('scenario store with a SUMO trace', () => {
  it('imports the spider trace at a window that fits, with explicit CVs and SVs the engine accepts', async () => {
    const scenario = useScenarioStore();
    await scenario.init(null);
    expect(scenario.edited).toBe(false);
    await scenario.importTrace('spider.fcd.xml', spiderXml());
    expect(scenario.edited).toBe(true);
    expect(scenario.field('mobility.startTimeS')).toBe(18);
    expect(scenario.field('mobility.cvIds')).toEqual(['0', '2', '3', '4', '5', '7', '8']);
    expect(scenario.field('mobility.svIds')).toEqual(['6', '9', '10', '11', '12']);
    expect(scenario.trace?.vehicles).toHaveLength(80);
    expect(scenario.traceWindows.every((w) => w.covering.length >= 12)).toBe(true);
    await scenario.refreshPreview();
    expect(scenario.previewError).toBeNull();
    expect(scenario.preview?.vehicles.map((v) => v.id)).toEqual(['0', '2', '3', '4', '5', '7', '8', '6', '9', '10', '11', '12']);

    // A later window keeps the chosen vehicles still driving through it.
    const later = scenario.traceWindows.find((w) => w.startS >= 30)!;
    expect(scenario.setTraceWindow(later.startS)).toBe(true);
    const cvIds = scenario.field('mobility.cvIds') as string[];
    expect(cvIds).toHaveLength(7);
    for (const id of ['2', '3', '5', '7']) if (later.covering.includes(id)) expect(cvIds).toContain(id);
    await scenario.refreshPreview();
    expect(scenario.previewError).toBeNull();

    // One role at a time; a vehicle is never both CV and SV.
    scenario.setVehicleRole(cvIds[0], 'sv');
    expect(scenario.field('mobility.cvIds')).toEqual(cvIds.slice(1));
    expect(scenario.field('mobility.svIds')).toContain(cvIds[0]);
    expect(scenario.setTraceWindow(99_999)).toBe(false);

    await scenario.applyPreset('paper1-small');
    expect(scenario.edited).toBe(false);
  });
});
