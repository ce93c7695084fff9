// Start-up latency of the shells (part `startup` of `npm run bench`): median wall time of
//   node -e 0                               the floor: starting Node itself
//   vecwb --help                            parsing only
//   vecwb layers vgg16 --json               a command with no TensorFlow.js
//   vecwb eval-slot < README example        the README's paper-1 eval-slot input (tests/readme/readme-examples.ts)
//   vecwb serve: first page                 spawn -> the UI's index page received over HTTP
// each measured as a child process (`node bin/vecwb.mjs ...`, the built CLI), the commands taken in turn within
// every round so a busy machine slows them alike; targets from issue 17 next to each line.
//   npm run bench -- --only startup [--runs N] [--json]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readmeEvalSlotInput, repoRoot } from '../tests/readme/readme-examples';

interface Case {
  id: string;
  label: string;
  /** Allowed excess over `node -e 0` (s); null = absolute target in `absolute`. */
  overNode: number | null;
  absolute?: number;
  measure(): Promise<number>;
}

const vecwb = path.join(repoRoot, 'bin', 'vecwb.mjs');

/** Wall time (s) of one child process from spawn to exit; fails on a non-zero exit. */
function timeProcess(args: string[], input?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: [input === undefined ? 'ignore' : 'pipe', 'ignore', 'pipe'] });
    let err = '';
    child.stderr?.on('data', (d) => (err += String(d)));
    if (input !== undefined) child.stdin?.end(input);
    child.once('error', reject);
    child.once('exit', (code) => {
      const s = Number(process.hrtime.bigint() - t0) / 1e9;
      if (code === 0) resolve(s);
      else reject(new Error(`node ${args.join(' ')} exited with ${code}: ${err.trim().split('\n')[0]}`));
    });
  });
}

/** Spawns `vecwb serve --port 0`, reads the printed URL, GETs it; returns spawn -> page body received (s). */
function timeServeFirstPage(runsDir: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, [vecwb, 'serve', '--port', '0', '--runs-dir', runsDir], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let done = false;
    const finish = (fn: () => void) => {
      if (done) return;
      done = true;
      child.kill('SIGINT');
      const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(kill);
        fn();
      });
    };
    const onData = (d: Buffer) => {
      out += String(d);
      const m = /running at (http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+)/.exec(out);
      if (!m) return;
      child.stdout.off('data', onData);
      fetch(m[1])
        .then(async (res) => {
          const body = await res.text();
          const s = Number(process.hrtime.bigint() - t0) / 1e9;
          if (!res.ok || !body.includes('<html')) throw new Error(`first page: HTTP ${res.status}`);
          finish(() => resolve(s));
        })
        .catch((e: unknown) => finish(() => reject(e instanceof Error ? e : new Error(String(e)))));
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d) => (out += String(d)));
    child.once('exit', (code) => {
      if (!done) {
        done = true;
        reject(new Error(`vecwb serve exited with ${code} before serving a page:\n${out}`));
      }
    });
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function parseArgs(argv: string[]): { runs: number; json: boolean } {
  const o = { runs: 7, json: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--json') o.json = true;
    else if (argv[i] === '--runs') {
      o.runs = Number(argv[++i]);
      if (!Number.isInteger(o.runs) || o.runs < 1 || o.runs > 100) throw new Error('--runs must be an integer in 1..100');
    } else throw new Error(`unknown option ${argv[i]} (--runs N, --json)`);
  }
  return o;
}

export async function main(argv: string[]): Promise<void> {
  const o = parseArgs(argv);
  const evalInput = readmeEvalSlotInput();
  const runsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vecwb-bench-startup-'));
  const cases: Case[] = [
    { id: 'node', label: 'node -e 0', overNode: null, measure: () => timeProcess(['-e', '0']) },
    { id: 'help', label: 'vecwb --help', overNode: 0.3, measure: () => timeProcess([vecwb, '--help']) },
    { id: 'layers', label: 'vecwb layers vgg16 --json', overNode: 0.3, measure: () => timeProcess([vecwb, 'layers', 'vgg16', '--json']) },
    { id: 'eval-slot', label: 'vecwb eval-slot (README example)', overNode: 0.5, measure: () => timeProcess([vecwb, 'eval-slot'], evalInput) },
    { id: 'serve', label: 'vecwb serve: first page', overNode: null, absolute: 1, measure: () => timeServeFirstPage(runsDir) },
  ];
  try {
    // Warm-up, not counted: builds out/node and the web UI if they are stale, fills the OS file cache.
    for (const c of cases) await c.measure();
    const times = new Map<string, number[]>(cases.map((c) => [c.id, []]));
    for (let r = 0; r < o.runs; r++) for (const c of cases) times.get(c.id)?.push(await c.measure());
    const node = median(times.get('node') ?? []);
    if (!o.json) console.log(`startup: median wall time of ${o.runs} runs each (cpus: ${os.availableParallelism()}, load ${os.loadavg()[0].toFixed(1)})`);
    for (const c of cases) {
      const m = median(times.get(c.id) ?? []);
      const target = c.overNode !== null ? node + c.overNode : (c.absolute ?? null);
      const targetText = c.id === 'node' ? '' : c.overNode !== null ? `target <= node + ${c.overNode} s` : `target < ${c.absolute} s`;
      const pass = target === null ? null : m <= target;
      if (o.json) {
        console.log(JSON.stringify({ bench: 'startup', case: c.id, medianS: m, nodeMedianS: node, overNodeS: m - node, targetS: target, pass, runs: o.runs }));
      } else {
        const over = c.id === 'node' ? '' : `  (node + ${(m - node).toFixed(3)} s)`;
        const verdict = pass === null ? '' : pass ? '  ok' : '  MISSED';
        console.log(`  ${c.label.padEnd(34)} ${m.toFixed(3).padStart(7)} s${over.padEnd(22)} ${targetText}${verdict}`);
      }
    }
  } finally {
    fs.rmSync(runsDir, { recursive: true, force: true });
  }
}
