// Issue 13 item 5: one top-level error path. Bad input exits 2 with one line naming the flag or file, nothing is
// hung on, no stack trace reaches the user unless --debug asks for it.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { describeError, reportError } from '../../src-main/cli/error-report';
import { parseDecimalInt } from '../../src-shared/parse-int';
import { UserError } from '../../src-shared/errors';

const exec = promisify(execFile);
const root = path.join(__dirname, '../..');
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'vecwb-cli-errors-'));
const STACK_LINE = /\n\s+at /;

async function vecwb(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await exec('node', ['bin/vecwb.mjs', ...args], { cwd: root, timeout: 300_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string; killed?: boolean };
    if (e.killed) throw new Error(`vecwb ${args.join(' ')} hung`);
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** The build message of a rebuild is not part of what a command says. */
const said = (stderr: string) => stderr.replace(/^vecwb: built \d+ files.*\n/m, '');

describe('bad input through the real CLI: exit 2, one line naming the flag or file, no stack', () => {
  it('--out naming a file, --runs-dir under /dev/null, --episodes 0x10', async () => {
    const cases: [string[], string][] = [
      [['run', '--algo', 'greedy', '--out', '/etc/passwd'], 'vecwb: --out: /etc/passwd is a file, not a folder\n'],
      [['run', '--algo', 'greedy', '--runs-dir', '/dev/null/x'], 'vecwb: --runs-dir: /dev/null is a file, not a folder\n'],
      [['run', '--algo', 'greedy', '--episodes', '0x10'], "vecwb: --episodes: got '0x10'; allowed 1..1000000 (a whole number in decimal digits)\n"],
      [['run', '--algo', 'greedy', '--seed', '1e3'], "vecwb: --seed: got '1e3'; allowed 0..2147483647 (a whole number in decimal digits)\n"],
      [['resume', '/etc'], 'vecwb: /etc is not a run folder (it has no config.json)\n'],
    ];
    for (const [args, line] of cases) {
      const r = await vecwb(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(said(r.stderr)).toBe(line);
      expect(r.stdout).toBe('');
    }
  }, 600_000);

  it.skipIf(!fs.existsSync('/proc/self'))('--out /proc/x answers at once instead of spinning', async () => {
    const r = await vecwb('run', '--algo', 'greedy', '--out', '/proc/x');
    expect(r.code).toBe(2);
    expect(said(r.stderr)).toMatch(/^vecwb: (--out: \/proc: permission denied|run folder: cannot create \/proc\/x \(no such folder\))\n$/);
  }, 600_000);

  it('a corrupt checkpoints/latest.json names the file (resume and --checkpoint)', async () => {
    const dir = path.join(tmp(), 'run');
    expect((await vecwb('run', '--algo', 'greedy', '--episodes', '1', '--out', dir)).code).toBe(0);
    const latest = path.join(dir, 'checkpoints', 'latest.json');
    fs.writeFileSync(latest, '{"episode": 1, "fol');
    const resumed = await vecwb('resume', dir, '--episodes', '2');
    expect(resumed.code).toBe(2);
    expect(said(resumed.stderr)).toBe(`vecwb: cannot read ${latest}: not valid JSON\n`);
    fs.writeFileSync(latest, '{"episode": 1, "folder": "ep-000007"}');
    const evaluated = await vecwb('run', '--algo', 'greedy', '--checkpoint', dir);
    expect(evaluated.code).toBe(2);
    expect(said(evaluated.stderr)).toBe(`vecwb: ${latest} names checkpoint ep-000007, which does not exist\n`);
    expect(evaluated.stderr).not.toMatch(STACK_LINE);
  }, 600_000);
});

describe('the error report', () => {
  const spy = () => {
    let text = '';
    const s = vi.spyOn(process.stderr, 'write').mockImplementation((c) => ((text += String(c)), true));
    return { text: () => text, restore: () => s.mockRestore() };
  };
  afterEach(() => {
    process.exitCode = 0;
  });

  it('classifies: input errors exit 2, file-system errors name the path, anything else is internal (exit 1)', () => {
    expect(describeError(new UserError('--foo: bad'))).toEqual({ line: '--foo: bad', exitCode: 2 });
    const enoent = Object.assign(new Error("ENOENT: no such file or directory, open '/x/y'"), { code: 'ENOENT', path: '/x/y' });
    expect(describeError(enoent)).toEqual({ line: '/x/y: no such file or folder', exitCode: 2 });
    const big = new TypeError(`boom\n${'x'.repeat(40_000)}`);
    expect(describeError(big)).toEqual({ line: 'internal error: boom (run with --debug for the stack trace)', exitCode: 1 });
    expect(describeError(new UserError('y'.repeat(3000))).line).toHaveLength(2003);
  });

  it('prints the stack only with --debug', () => {
    const err = new TypeError('cannot read properties of undefined');
    const quiet = spy();
    reportError(err, false);
    quiet.restore();
    expect(quiet.text()).toBe('vecwb: internal error: cannot read properties of undefined (run with --debug for the stack trace)\n');
    expect(process.exitCode).toBe(1);
    const loud = spy();
    reportError(err, true);
    loud.restore();
    expect(loud.text()).toMatch(STACK_LINE);
    expect(loud.text()).toContain('errors.test.ts');
  });

  it('whole numbers are decimal digits only', () => {
    expect(parseDecimalInt('--episodes', '16', 1, 100)).toBe(16);
    expect(parseDecimalInt('--episodes', '007', 1, 100)).toBe(7);
    for (const bad of ['0x10', '1e1', '2.0', '', ' 5', '5 ', '-1', '+3', '0b11', 'Infinity', '101', '0', '99999999999999999']) {
      expect(() => parseDecimalInt('--episodes', bad, 1, 100), bad).toThrow(`--episodes: got '${bad}'; allowed 1..100 (a whole number in decimal digits)`);
    }
  });
});
