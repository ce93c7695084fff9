// bin/build-node.mjs prunes old Node builds, but never one a live process leased (a long run or sweep imports
// its modules lazily: pruning its build made the later runs of a sweep fail with "Cannot find module").
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without type declarations
import { pruneBuilds } from '../../bin/build-node.mjs';

const HOUR = 3_600_000;
let root: string;

function fakeBuild(name: string, ageMs: number, userPid?: number): void {
  const dir = path.join(root, name);
  fs.mkdirSync(dir, { recursive: true });
  if (userPid !== undefined) {
    fs.mkdirSync(path.join(dir, '.users'));
    fs.writeFileSync(path.join(dir, '.users', String(userPid)), '');
  }
  const t = new Date(Date.now() - ageMs);
  fs.utimesSync(dir, t, t);
}

afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe('pruneBuilds', () => {
  it('keeps the current build, the two newest old ones and leased ones; removes the rest', async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'vecwb-prune-'));
    // A pid that is certainly gone: a child that has exited.
    const child = spawn(process.execPath, ['-e', '0']);
    const deadPid = child.pid as number;
    await new Promise((r) => child.on('exit', r));
    fakeBuild('build-current', 5 * HOUR);
    fakeBuild('build-new1', 1 * HOUR);
    fakeBuild('build-new2', 2 * HOUR);
    fakeBuild('build-young', 0);
    fakeBuild('build-leased', 9 * HOUR, process.pid);
    fakeBuild('build-stale-lease', 8 * HOUR, deadPid);
    fakeBuild('build-old', 7 * HOUR);
    fs.mkdirSync(path.join(root, 'not-a-build'));
    pruneBuilds(root, 'build-current');
    expect(fs.readdirSync(root).sort()).toEqual(['build-current', 'build-leased', 'build-new1', 'build-young', 'not-a-build']);
  });
});
