// `npm run bench -- --calibrate`: a short calibration of the projection's cost table on this machine. For every
// algorithm of the static table (src-shared/reproduction/projection.ts) it builds the real environment and
// controller on the paper setting (bench/calibrate-measure.ts) and measures the wall ms per training slot and
// per exploration-off evaluation slot; prints them next to the static figures and writes them, with the date,
// the CPU and its load, to the calibration file (src-main/engine/calibration-store.ts), whose path it prints.
// `vecwb reproduce --list`, `vecwb reproduce` and the UI's Reproduce screen then project with these figures.
// Measured values only: an algorithm that fails to build or run is reported and left out (the static entry stays).
//   options: --slots N (fewest timed slots per phase, default 30)  --min-ms N (fewest ms of timed training, default 2000)
//            --algos a,b (default: every algorithm of the static table)  --out FILE (default: the calibration path)  --json
import os from 'node:os';
import { parseArgs as parseNodeArgs } from 'node:util';
import { CALIBRATION_VERSION, type Calibration, type CalibratedCost } from '../src-shared/reproduction/calibration';
import { ALGO_COSTS } from '../src-shared/reproduction/projection';
import { parseDecimalInt } from '../src-shared/parse-int';
import { CALIBRATE_COMMAND, calibrationPath, writeCalibration } from '../src-main/engine/calibration-store';
import { measureAlgorithm, type Measurement } from './calibrate-measure';

interface Options {
  json: boolean;
  minSlots: number;
  minMs: number;
  algos: string[];
  out: string;
}

const OPTIONS = {
  json: { type: 'boolean', default: false },
  slots: { type: 'string' },
  'min-ms': { type: 'string' },
  algos: { type: 'string' },
  out: { type: 'string' },
} as const;

function parseArgs(argv: string[]): Options {
  const known = Object.keys(ALGO_COSTS);
  let values;
  try {
    values = parseNodeArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (err) {
    throw new Error(`${err instanceof Error ? err.message : String(err)} (--slots N, --min-ms N, --algos a,b, --out FILE, --json)`);
  }
  const algos = values.algos === undefined ? known : values.algos.split(',').map((x) => x.trim()).filter(Boolean);
  for (const x of algos) if (!known.includes(x)) throw new Error(`--algos: '${x}' is not in the cost table; known: ${known.join(', ')}`);
  return {
    json: values.json,
    minSlots: values.slots === undefined ? 30 : parseDecimalInt('--slots', values.slots, 1, 100_000),
    minMs: values['min-ms'] === undefined ? 2000 : parseDecimalInt('--min-ms', values['min-ms'], 0, 600_000),
    algos,
    out: values.out ?? calibrationPath(),
  };
}

const fmt = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));

function printRow(m: Measurement): void {
  const s = ALGO_COSTS[m.algo];
  console.log(
    `${m.algo.padEnd(10)} ${m.experiment.padEnd(15)} ${String(m.agents).padStart(3)} ${String(m.warmUpSlots).padStart(8)} ${String(m.slotsTimed).padStart(6)} ` +
      `${fmt(m.msPerSlot).padStart(9)} ${String(m.evalSlotsTimed).padStart(6)} ${fmt(m.evalMsPerSlot).padStart(9)}   ` +
      `${s ? `${fmt(s.msPerSlot)} / ${fmt(s.evalMsPerSlot)} at ${s.agents} CVs` : '-'}`,
  );
}

export async function main(argv: string[]): Promise<void> {
  const o = parseArgs(argv);
  const cpu = os.cpus()[0]?.model.trim() || 'unknown CPU';
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const loadAverage = os.loadavg()[0];
  const t0 = performance.now();
  if (!o.json) {
    console.log(`calibration of the projection costs: ${cpu}, ${cores} cores, load ${loadAverage.toFixed(2)} (1 min) at the start; an estimate, like every projection`);
    console.log('untimed warm-up first; then wall ms per training slot (act, step, learn, episode ends) and per exploration-off evaluation slot');
    console.log('algorithm  setting         CVs  warm-up  slots   ms/slot  slots  eval ms   static table (ms/slot / eval)');
  }
  const measured: Measurement[] = [];
  const failed: string[] = [];
  for (const algo of o.algos) {
    try {
      const m = await measureAlgorithm(algo, { minSlots: o.minSlots, minMs: o.minMs });
      measured.push(m);
      if (o.json) console.log(JSON.stringify({ bench: 'calibrate', ...m }));
      else printRow(m);
    } catch (err) {
      const msg = err instanceof Error ? err.message.split('\n')[0] : String(err);
      failed.push(algo);
      if (o.json) process.stderr.write(`${algo}: failed: ${msg}\n`);
      else console.log(`${algo.padEnd(10)} failed: ${msg}`);
    }
  }
  if (measured.length === 0) throw new Error('nothing measured; no calibration written');
  const algorithms: Record<string, CalibratedCost> = {};
  for (const m of measured) {
    algorithms[m.algo] = { msPerSlot: m.msPerSlot, evalMsPerSlot: m.evalMsPerSlot, agents: m.agents, learner: m.learner, slotsTimed: m.slotsTimed, evalSlotsTimed: m.evalSlotsTimed };
  }
  const backend = measured.find((m) => m.backend !== null)?.backend ?? undefined;
  const calibration: Calibration = {
    version: CALIBRATION_VERSION,
    measuredAt: new Date().toISOString(),
    machine: { cpu, cores, loadAverage: Math.round(loadAverage * 100) / 100 },
    source: CALIBRATE_COMMAND,
    ...(backend ? { backend } : {}),
    algorithms,
  };
  writeCalibration(o.out, calibration);
  const took = (performance.now() - t0) / 1000;
  if (o.json) console.log(JSON.stringify({ bench: 'calibrate-file', file: o.out, seconds: Math.round(took), failed }));
  else {
    console.log(`load ${os.loadavg()[0].toFixed(2)} (1 min) at the end; took ${took.toFixed(0)} s${failed.length ? `; not measured (static figures kept): ${failed.join(', ')}` : ''}`);
    console.log(`wrote ${o.out} (vecwb reproduce --list now projects with it; $VECWB_CALIBRATION chooses another file)`);
  }
}
