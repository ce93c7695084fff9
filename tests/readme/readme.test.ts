// Every command and JSON example of README.md, read from the README itself (readme-examples.ts), run through the
// built CLI (bin/vecwb.mjs) in a scratch folder, in README order. Each `vecwb` command is first checked against
// its own --help (the subcommand exists and knows every flag used); then it runs as written, except where a
// rule below shrinks it (episode counts, paper-scale sweeps) -- every README command must match exactly one rule,
// so a new example without one fails here instead of drifting.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandOptional, loadReadmeExamples, readmeEvalSlotInput, repoRoot, type ReadmeCommand } from './readme-examples';

const examples = loadReadmeExamples();
const vecwbBin = path.join(repoRoot, 'bin', 'vecwb.mjs');
let cwd = '';

beforeAll(() => {
  cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'vecwb-readme-'));
  // Commands name files of the checkout (resources/scenarios/...) relative to it.
  fs.symlinkSync(path.join(repoRoot, 'resources'), path.join(cwd, 'resources'));
});
afterAll(() => fs.rmSync(cwd, { recursive: true, force: true }));

interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

function vecwb(args: string[], input?: string): Result {
  const r = spawnSync(process.execPath, [vecwbBin, ...args], { cwd, input, encoding: 'utf8', timeout: 110_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function expectOk(r: Result, what: string): void {
  expect(r.status, `${what}\n${r.stderr}`).toBe(0);
}

/** The run folders under <cwd>/runs, sorted. */
const runFolders = () => (fs.existsSync(path.join(cwd, 'runs')) ? fs.readdirSync(path.join(cwd, 'runs')).sort() : []);

/** Latest checkpoint name of a run folder (its checkpoints/latest.json). */
function latestCheckpoint(runDir: string): string {
  const latest = JSON.parse(fs.readFileSync(path.join(cwd, runDir, 'checkpoints', 'latest.json'), 'utf8')) as Record<string, unknown>;
  const name = Object.values(latest).find((v): v is string => typeof v === 'string' && /ep-\d{6}/.test(v));
  if (!name) throw new Error(`no checkpoint name in ${runDir}/checkpoints/latest.json`);
  return /ep-\d{6}/.exec(name)?.[0] ?? name;
}

const setFlag = (argv: string[], flag: string, value: string) => argv.map((w, i) => (argv[i - 1] === flag ? value : w));
const flagValue = (argv: string[], flag: string) => argv[argv.indexOf(flag) + 1];

/** How a README command is exercised. */
type Rule =
  | { kind: 'run'; argv?: (argv: string[]) => string[]; check?: (r: Result, argv: string[]) => void }
  | { kind: 'help-only'; why: string; check?: (argv: string[]) => void }
  | { kind: 'npm'; check: (argv: string[]) => void };

const scripts = (JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

function ruleFor(c: ReadmeCommand): Rule {
  const [tool, first, sub, ...rest] = c.argv;
  if (tool === 'npm') {
    if (first === 'ci') return { kind: 'npm', check: () => expect(fs.existsSync(path.join(repoRoot, 'package-lock.json'))).toBe(true) };
    if (first === 'test' || first === 'start') return { kind: 'npm', check: () => expect(scripts[first]).toBeTruthy() };
    throw new Error(`README line ${c.line}: no rule for '${c.text}'`);
  }
  if (tool !== 'npx' || first !== 'vecwb') throw new Error(`README line ${c.line}: no rule for '${c.text}'`);
  const argv = c.argv.slice(2);
  const cmd = sub;
  const checkpoint = argv.includes('--checkpoint');
  if (cmd === 'run' && !checkpoint) {
    // As written up to 5 episodes (the heuristics' examples); a learner's paper-length example runs 1 episode
    // (training that long is the experiments' job), which is enough to show the command works.
    const shrink = (a: string[]) => (Number(flagValue(a, '--episodes')) > 5 ? setFlag(a, '--episodes', '1') : a);
    return {
      kind: 'run',
      argv: shrink,
      check: (r, a) => {
        const n = flagValue(a, '--episodes');
        expect(r.stdout).toMatch(new RegExp(`^run completed: ${n}/${n} episodes`));
      },
    };
  }
  // The runs the commands above wrote, each with its status.
  if (cmd === 'runs') return { kind: 'run', check: (r) => expect(r.stdout).toMatch(/^run\s+status\s+env\s+algo\s+seed\s+episodes\s+started\n(.+\s+completed\s+vec-dnn\s.+\n)+$/) };
  if (cmd === 'resume') return { kind: 'run', argv: (a) => setFlag(a, '--episodes', '2'), check: (r) => expect(r.stdout).toMatch(/^run completed: 2\/2 episodes/) };
  if (cmd === 'run' && checkpoint) {
    // The README's checkpoint (ep-000400) exists after its 400 episodes; here the resumed run's latest one.
    return {
      kind: 'run',
      argv: (a) => {
        const ckpt = flagValue(a, '--checkpoint');
        const runDir = ckpt.split('/checkpoints/')[0];
        return setFlag(setFlag(a, '--checkpoint', ckpt.replace(/ep-\d{6}/, latestCheckpoint(runDir))), '--episodes', '1');
      },
      check: (r) => expect(r.stdout).toMatch(/^run completed: 1\/1 episodes/),
    };
  }
  if (cmd === 'scenario' && rest[0] === 'default' && c.stdoutTo) {
    return {
      kind: 'run',
      check: (r) => {
        fs.writeFileSync(path.join(cwd, c.stdoutTo ?? ''), r.stdout);
        expect((JSON.parse(r.stdout) as { env?: string }).env).toBe('vec-dnn');
      },
    };
  }
  if (cmd === 'scenario') return { kind: 'run', check: (r) => expect(() => JSON.parse(r.stdout) as unknown).not.toThrow() };
  if (cmd === 'layers') {
    return {
      kind: 'run',
      check: (r, a) => {
        if (a.includes('--json')) {
          const report = JSON.parse(r.stdout) as { model: string; totalOps: number };
          expect(report.model).toBe('VGG16');
        } else expect(r.stdout).toMatch(/^VGG16: /);
        expect(r.stdout).toMatch(/30973735960/); // total B of VGG16 (eq. 6), the same in every view
      },
    };
  }
  if (cmd === 'reproduce' && argv.includes('--list')) return { kind: 'run', check: (r) => expect(r.stdout).toMatch(/^p1-cvs\s/m) };
  if (cmd === 'reproduce') {
    return {
      kind: 'help-only',
      why: 'a sweep of many runs (minutes at --quick)',
      check: (a) => {
        const list = vecwb(['reproduce', '--list']);
        expect(list.stdout).toMatch(new RegExp(`^${a[1]}\\s`, 'm'));
        if (a.includes('--scenario')) expectOk(vecwb(['scenario', 'validate', flagValue(a, '--scenario')]), 'scenario of the reproduce example');
      },
    };
  }
  if (cmd === 'export-figure') {
    return {
      kind: 'run',
      check: (r, a) => {
        const png = fs.readFileSync(path.join(cwd, flagValue(a, '--out')));
        expect([...png.subarray(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG');
      },
    };
  }
  if (cmd === 'export-data') {
    return {
      kind: 'run',
      argv: (a) => {
        const run = runFolders().find((d) => d.includes('greedy'));
        if (!run) throw new Error('no greedy run folder from the README commands before');
        return a.map((w) => w.replace('<run>', run));
      },
      check: (r, a) => expect(fs.readFileSync(path.join(cwd, flagValue(a, '--out'))).subarray(0, 2).toString()).toBe('PK'), // xlsx = zip
    };
  }
  if (cmd === 'serve') return { kind: 'help-only', why: 'a server; served as written below with --port 0 added' };
  if (cmd === 'worker') return { kind: 'help-only', why: 'needs a Redis server (tests/engine/cluster.test.ts runs workers against one)' };
  throw new Error(`README line ${c.line}: no rule for '${c.text}'`);
}

/** Flags a command's --help lists (for `scenario default`, the help of that subcommand). */
function helpFlags(argv: string[]): Set<string> {
  let words = [argv[0]];
  const top = vecwb([...words, '--help']);
  expectOk(top, `vecwb ${argv[0]} --help`);
  let help = top.stdout;
  const commands = help.split(/^Commands:$/m)[1] ?? '';
  if (argv[1] && new RegExp(`^\\s+${argv[1]}\\b`, 'm').test(commands)) {
    words = [argv[0], argv[1]];
    const subHelp = vecwb([...words, '--help']);
    expectOk(subHelp, `vecwb ${words.join(' ')} --help`);
    help = subHelp.stdout;
  }
  return new Set(help.match(/--[a-z][a-z0-9-]*/g) ?? []);
}

const cases = examples.commands.flatMap((c) => expandOptional(c.argv).map((argv) => ({ c: { ...c, argv }, text: argv.join(' ') })));

describe('README commands (run in README order)', () => {
  it('the README has the examples this test expects', () => {
    expect(cases.length).toBeGreaterThan(20);
    expect(examples.commands[0].text).toBe('npm ci');
  });

  for (const { c, text } of cases) {
    it(`line ${c.line}: ${text}`, () => {
      const rule = ruleFor(c);
      if (rule.kind === 'npm') return rule.check(c.argv);
      const argv = c.argv.slice(2);
      const known = helpFlags(argv);
      for (const flag of argv.filter((w) => w.startsWith('--'))) expect(known, `${flag} in vecwb ${argv[0]} --help`).toContain(flag.split('=')[0]);
      if (rule.kind === 'help-only') return rule.check?.(argv);
      const args = rule.argv ? rule.argv(argv) : argv;
      const r = vecwb(args);
      expectOk(r, `vecwb ${args.join(' ')}`);
      rule.check?.(r, args);
    });
  }

  it('vecwb serve (with --port 0 and a scratch runs folder) serves the UI at the URL it prints', async () => {
    const serve = cases.find(({ c }) => c.argv[2] === 'serve');
    expect(serve).toBeDefined();
    const args = [...(serve?.c.argv.slice(2) ?? []), '--port', '0', '--runs-dir', path.join(cwd, 'serve-runs')];
    const child = spawn(process.execPath, [vecwbBin, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL printed:\n${out}`)), 100_000);
        child.stderr.on('data', (d) => (out += String(d)));
        child.stdout.on('data', (d) => {
          out += String(d);
          const m = /running at (http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+)/.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]);
          }
        });
        child.once('exit', (code) => reject(new Error(`vecwb serve exited with ${code}:\n${out}`)));
      });
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<html');
    } finally {
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGINT');
      });
    }
  });
});

describe('README JSON examples', () => {
  it('the paper-1 eval-slot input is accepted and gives every output field the README lists', () => {
    const r = vecwb(['eval-slot'], readmeEvalSlotInput(examples));
    expectOk(r, 'vecwb eval-slot < README example');
    const out = JSON.parse(r.stdout) as Record<string, unknown> & { cvs: Record<string, number>[] };
    // "Output: per CV `{ model, cut, ... }` ..., `rsuCpuHz` ..., `next` ..., `objectiveTerms`, `objective` (32) and `reward` (56)."
    const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const outputText = /^Output: per CV `\{([^}]*)\}`([\s\S]*?)\n\n/m.exec(readme);
    expect(outputText).not.toBeNull();
    const cvKeys = (outputText?.[1] ?? '').split(',').map((k) => k.trim());
    const topKeys = [...(outputText?.[2] ?? '').matchAll(/`(\w+)`/g)].map((m) => m[1]);
    expect(cvKeys).toContain('dWait');
    expect(topKeys).toEqual(['rsuCpuHz', 'next', 'objectiveTerms', 'objective', 'reward']);
    for (const k of cvKeys) expect(out.cvs[0], `cvs[0].${k}`).toHaveProperty(k);
    for (const k of topKeys) expect(out, k).toHaveProperty(k);
    // The delay of a CV is the sum of its terms (eq. 17); cut 3 of AlexNet to SV 1 offloads.
    const cv = out.cvs[0];
    expect(cv.d).toBeCloseTo(cv.dLoc + cv.dTx + cv.dProc + cv.dWait, 12);
    expect(cv.offloadedOps).toBeGreaterThan(0);
  });

  it('every JSON block of the README parses', () => {
    expect(examples.json.length).toBeGreaterThan(0);
    for (const j of examples.json) expect(() => JSON.parse(j.text) as unknown, `README line ${j.line}`).not.toThrow();
  });
});
