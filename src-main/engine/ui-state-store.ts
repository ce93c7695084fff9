// Persists the UI state (last scenario, open runs, layout) in one JSON file, so it survives a restart.
// A missing file gives the defaults; an unreadable or invalid one is kept aside as <file>.bad and replaced.
import fs from 'node:fs';
import path from 'node:path';
import { applyUiStatePatch, uiStateSchema, type UiState, type UiStatePatch } from '../../src-shared/api/ui-state';
import { writeJsonAtomic } from '../experiments/run-folder';

export class UiStateStore {
  private state: UiState;

  constructor(readonly file: string) {
    this.state = this.load();
  }

  private load(): UiState {
    if (!fs.existsSync(this.file)) return uiStateSchema.parse({});
    try {
      const parsed = uiStateSchema.safeParse(JSON.parse(fs.readFileSync(this.file, 'utf8')));
      if (parsed.success) return parsed.data;
    } catch {
      // fall through: not JSON
    }
    fs.renameSync(this.file, `${this.file}.bad`);
    return uiStateSchema.parse({});
  }

  get(): UiState {
    return structuredClone(this.state);
  }

  update(patch: UiStatePatch): UiState {
    this.state = applyUiStatePatch(this.state, patch);
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    writeJsonAtomic(this.file, this.state);
    return this.get();
  }
}
