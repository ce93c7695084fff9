#!/usr/bin/env node
// `npm run bench`: registers the TypeScript loader (tsx) and runs the benchmarks in turn:
//   startup  bench/startup.ts        median wall time of vecwb --help, layers, eval-slot, serve's first page vs node -e 0
//   p1       bench/learner-bench.ts  paper-1 learners: ms per training step and per decision, per backend
//   p2       bench/isac.bench.ts     paper-2 learners: ms per episode and per update, one line per algorithm
// and, only when asked (it writes a file):
//   calibrate bench/calibrate.ts     ms per training and evaluation slot of every algorithm of the projection's
//                                    cost table on this machine, written to the calibration file (~40 s on a 2-core VM)
// Usage:
//   npm run bench                          every part, human-readable
//   npm run bench -- --json                one JSON object per line; `bench` says which part ("startup" | "p1" | "p2")
//   npm run bench -- --only startup|p1|p2  one part only
//   npm run bench -- --calibrate           the calibration of `vecwb reproduce --list`'s projections, alone
// Every other option belongs to one part and is passed to it:
//   startup: --runs N (runs per command, default 7)
//   p1: --backends wasm,cpu  --threads auto|N  --algo mad2rl|pqmix  --steps N  --decisions N  --paths fused,tf-ops  --torch auto|off
//   p2: --backend auto|wasm|cpu  --algos ly-dtmppo,...  --episodes N  --torch auto|off  --torch-threads N
//   calibrate: --slots N  --min-ms N  --algos mad2rl,...  --out FILE
// An option that several parts have (--torch: p1 and p2; --algos: p2 and calibrate) goes to each of them.
import { register } from 'tsx/esm/api';

const PARTS = {
  startup: { module: '../bench/startup.ts', options: ['--runs'] },
  p1: { module: '../bench/learner-bench.ts', options: ['--backends', '--threads', '--algo', '--steps', '--decisions', '--paths', '--torch'] },
  p2: { module: '../bench/isac.bench.ts', options: ['--backend', '--algos', '--episodes', '--torch', '--torch-threads'] },
  calibrate: { module: '../bench/calibrate.ts', options: ['--slots', '--min-ms', '--algos', '--out'], onlyWhenAsked: true },
};
/** The parts `npm run bench` runs when no --only / --calibrate names one. */
const DEFAULT_PARTS = Object.keys(PARTS).filter((p) => !PARTS[p].onlyWhenAsked);

function parseArgs(argv) {
  const only = new Set(DEFAULT_PARTS);
  const args = Object.fromEntries(Object.keys(PARTS).map((p) => [p, []]));
  const given = Object.fromEntries(Object.keys(PARTS).map((p) => [p, []]));
  let chosen = null;
  const choose = (part, flag) => {
    const calibrating = flag === '--calibrate' || chosen?.flag === '--calibrate';
    if (chosen !== null && chosen.part !== part && calibrating) throw new Error(`${flag} and ${chosen.flag} each choose the part to run; give one of them`);
    chosen = { part, flag };
    only.clear();
    only.add(part);
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') {
      for (const p of Object.keys(PARTS)) args[p].push(a);
      continue;
    }
    if (a === '--only' || a.startsWith('--only=')) {
      const v = a === '--only' ? argv[++i] : a.slice('--only='.length);
      if (!(v in PARTS)) throw new Error(`--only must be one of ${Object.keys(PARTS).join(', ')}, got ${v ?? 'nothing'}`);
      choose(v, `--only ${v}`);
      continue;
    }
    if (a === '--calibrate') {
      choose('calibrate', '--calibrate');
      continue;
    }
    const owners = Object.keys(PARTS).filter((p) => PARTS[p].options.includes(a));
    if (owners.length === 0) {
      const all = Object.entries(PARTS).map(([p, d]) => `${p}: ${d.options.join(' ')}`).join('; ');
      throw new Error(`unknown option ${a} (--json, --only ${Object.keys(PARTS).join('|')}, --calibrate; ${all})`);
    }
    const v = argv[++i];
    if (v === undefined) throw new Error(`${a} needs a value`);
    for (const p of owners) {
      args[p].push(a, v);
      given[p].push(a);
    }
  }
  for (const p of Object.keys(PARTS)) {
    const orphans = given[p].filter((a) => !Object.keys(PARTS).some((q) => only.has(q) && PARTS[q].options.includes(a)));
    if (!only.has(p) && orphans.length > 0) throw new Error(`${orphans.join(', ')} belong to ${p}, which --only leaves out`);
  }
  return { parts: Object.keys(PARTS).filter((p) => only.has(p)), args };
}

let opts;
try {
  opts = parseArgs(process.argv.slice(2));
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(2);
}

register();
let failed = false;
for (const part of opts.parts) {
  try {
    const { main } = await import(PARTS[part].module);
    await main(opts.args[part]);
  } catch (err) {
    // One part failing (e.g. a backend that does not load) leaves the other part to run.
    console.error(`bench ${part} failed: ${err instanceof Error ? err.message : String(err)}`);
    failed = true;
  }
  if (!opts.args[part].includes('--json') && part !== opts.parts[opts.parts.length - 1]) console.log('');
}
if (failed) process.exitCode = 1;
