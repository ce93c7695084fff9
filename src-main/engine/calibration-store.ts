// Where this machine's calibration of the projection costs lives, and the cost table the projections use:
// $VECWB_CALIBRATION if set, else ${XDG_CONFIG_HOME:-~/.config}/vecwb/calibration.json. Calibrated algorithms
// replace the static table's entries; a missing or malformed file leaves the static table, with a note saying why
// (one line, never a stack). `npm run bench -- --calibrate` (bench/calibrate.ts) writes the file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { calibratedCostTable, parseCalibration, type Calibration } from '../../src-shared/reproduction/calibration';
import { STATIC_COST_TABLE, type CostTable } from '../../src-shared/reproduction/projection';
import { parseUserJson } from '../../src-shared/json-text';
import { writeFileAtomic } from '../files/atomic-write';

/** The command that writes the file (named in notes). */
export const CALIBRATE_COMMAND = 'npm run bench -- --calibrate';

type Env = Readonly<Record<string, string | undefined>>;

export function calibrationPath(env: Env = process.env): string {
  const given = env.VECWB_CALIBRATION;
  if (given) return path.resolve(given);
  const config = env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config');
  return path.join(config, 'vecwb', 'calibration.json');
}

export interface LoadedCostTable extends CostTable {
  /** The calibration file looked at. */
  file: string;
  /** The calibration laid over the static table, or null (static table only). */
  calibration: Calibration | null;
  /** Why the static table is used (no file, a malformed one), or null when calibrated. */
  note: string | null;
}

/** The cost table for projections: the calibration file over the static table, or the static table with a note. */
export function loadCostTable(env: Env = process.env): LoadedCostTable {
  const file = calibrationPath(env);
  const fallback = (note: string): LoadedCostTable => ({ ...STATIC_COST_TABLE, file, calibration: null, note });
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = err instanceof Error && 'code' in err ? String(err.code) : '';
    if (code === 'ENOENT') return fallback(`no calibration file at ${file} (\`${CALIBRATE_COMMAND}\` writes one)`);
    return fallback(`calibration file ${file} not readable (${code || 'error'}); using the static table`);
  }
  let data: unknown;
  try {
    data = parseUserJson(text);
  } catch (err) {
    const why = err instanceof Error ? err.message.split('\n')[0] : 'not JSON';
    return fallback(`calibration file ${file} is not valid JSON (${why}); using the static table`);
  }
  const parsed = parseCalibration(data);
  if (!parsed.ok) return fallback(`calibration file ${file} is malformed: ${parsed.error}; using the static table (rerun \`${CALIBRATE_COMMAND}\`)`);
  return { ...calibratedCostTable(STATIC_COST_TABLE, parsed.calibration), file, calibration: parsed.calibration, note: null };
}

/** One line for the end of `vecwb reproduce --list` (and logs): which cost source the projections used. */
export function costSourceLine(t: LoadedCostTable): string {
  if (t.calibration) return `Cost source: calibration file ${t.file}; ${t.basis}.`;
  return `Cost source: the static cost table in src-shared/reproduction/projection.ts; ${t.note ?? ''}`.trimEnd();
}

/** Writes a calibration (checked against the schema first) to `file`, creating its folder. */
export function writeCalibration(file: string, calibration: Calibration): void {
  const parsed = parseCalibration(calibration);
  if (!parsed.ok) throw new Error(`calibration not written: ${parsed.error}`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  writeFileAtomic(file, JSON.stringify(parsed.calibration, null, 2) + '\n');
}
