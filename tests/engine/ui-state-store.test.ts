import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UiStateStore } from '../../src-main/engine/ui-state-store';

const tmpFile = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vecwb-state-')), 'state.json');

describe('UiStateStore', () => {
  it('starts from the defaults and writes merged layout patches', () => {
    const file = tmpFile();
    const store = new UiStateStore(file);
    expect(store.get()).toEqual({
      version: 1,
      lastScenario: null,
      lastModel: null,
      openRunIds: [],
      layout: { activeView: 'home', sidebarCollapsed: false, smoothingWindow: 10, chartColumns: 2, window: null },
      demoDone: false,
    });
    store.update({ layout: { activeView: 'models' } });
    store.update({ layout: { chartColumns: 1 }, lastModel: 'VGG16' });
    const saved = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(saved.layout).toMatchObject({ activeView: 'models', chartColumns: 1, smoothingWindow: 10 });
    expect(saved.lastModel).toBe('VGG16');
    expect(new UiStateStore(file).get()).toEqual(store.get());
  });

  it('keeps an unreadable file aside as .bad and starts fresh', () => {
    const file = tmpFile();
    fs.writeFileSync(file, '{"layout": {"chartColumns": 9}}');
    const store = new UiStateStore(file);
    expect(store.get().layout.chartColumns).toBe(2);
    expect(fs.readFileSync(`${file}.bad`, 'utf8')).toContain('"chartColumns": 9');
    fs.writeFileSync(file, 'not json');
    expect(new UiStateStore(file).get().openRunIds).toEqual([]);
  });
});
