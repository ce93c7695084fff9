// `npm start` (bin/start.mjs) where Electron cannot run: one line on stderr that names `npx vecwb serve`, exit
// code 1, nothing built or launched. ELECTRON_OVERRIDE_DIST_PATH (the electron package's own override) points
// the script at a distribution folder, so the test needs no network and no real binary.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../e2e/serve-process';

function start(distDir: string) {
  return spawnSync(process.execPath, [path.join(repoRoot, 'bin/start.mjs')], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: distDir, NODE_OPTIONS: '' },
    timeout: 60_000,
  });
}

describe.skipIf(process.platform === 'win32')('bin/start.mjs without a usable Electron binary', () => {
  it('says in one line that the binary is missing and offers the web shell', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'vecwb-no-electron-'));
    const res = start(empty);
    expect(res.status).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr).toBe('The Electron binary is not available here (it could not be downloaded); run the web shell instead: npx vecwb serve\n');
  });

  it('says in one line that a binary which does not start cannot be used', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vecwb-broken-electron-'));
    const bin = path.join(dir, 'electron');
    fs.writeFileSync(bin, '#!/bin/sh\necho "error while loading shared libraries: libgtk-3.so.0" >&2\nexit 127\n', { mode: 0o755 });
    const res = start(dir);
    expect(res.status).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr).toBe(
      `The Electron binary at ${bin} does not start here (exit code 127: error while loading shared libraries: libgtk-3.so.0); run the web shell instead: npx vecwb serve\n`,
    );
  });

  it('also refuses a file that is not executable', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vecwb-noexec-electron-'));
    const bin = path.join(dir, 'electron');
    fs.writeFileSync(bin, 'not a program', { mode: 0o644 });
    const res = start(dir);
    expect(res.status).toBe(1);
    expect(res.stderr.split('\n')).toEqual([`The Electron binary at ${bin} does not start here (EACCES); run the web shell instead: npx vecwb serve`, '']);
  });
});
