#!/usr/bin/env node
// `npm start`: builds the Electron app when its sources changed (electron-vite) and launches it. Where the
// Electron binary cannot be obtained (offline install, unsupported platform) it says so in one line and offers
// the web shell, which serves the same UI: `vecwb serve`.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = path.join(root, 'node_modules', 'electron');

const WEB_SHELL = 'run the web shell instead: npx vecwb serve';

/** Path of the Electron executable, downloading it once if npm skipped that; null when it cannot be had. */
function electronBinary() {
  // Same override as the electron package itself: a folder holding the unpacked distribution.
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const bin = path.join(override, process.platform === 'win32' ? 'electron.exe' : 'electron');
    return fs.existsSync(bin) ? bin : null;
  }
  const pathFile = path.join(electronDir, 'path.txt');
  const resolve = () => (fs.existsSync(pathFile) ? path.join(electronDir, 'dist', fs.readFileSync(pathFile, 'utf8').trim()) : null);
  let bin = resolve();
  if ((!bin || !fs.existsSync(bin)) && fs.existsSync(path.join(electronDir, 'install.js'))) {
    spawnSync(process.execPath, [path.join(electronDir, 'install.js')], { stdio: 'ignore', timeout: 180_000 });
    bin = resolve();
  }
  return bin && fs.existsSync(bin) ? bin : null;
}

/** Why the binary cannot start here (missing shared libraries, wrong architecture, not executable), or null. */
function startProblem(bin) {
  const probe = spawnSync(bin, ['--version'], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
  if (probe.error) return probe.error.code ?? probe.error.message;
  if (probe.status !== 0) {
    const reason = `${probe.stderr ?? ''}`.trim().split('\n')[0];
    return reason ? `exit code ${probe.status}: ${reason}` : `exit code ${probe.status ?? probe.signal}`;
  }
  return null;
}

function giveUp(line) {
  process.stderr.write(`${line}\n`);
  process.exit(1);
}

function newestMtime(dir) {
  let newest = 0;
  if (!fs.existsSync(dir)) return 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

const bin = electronBinary();
if (!bin) giveUp(`The Electron binary is not available here (it could not be downloaded); ${WEB_SHELL}`);
const problem = startProblem(bin);
if (problem) giveUp(`The Electron binary at ${bin} does not start here (${problem.replace(/\s+/g, ' ')}); ${WEB_SHELL}`);

const built = path.join(root, 'out', 'main', 'index.js');
const sources = Math.max(...['src-main', 'src-shared', 'src-renderer'].map((d) => newestMtime(path.join(root, d))));
if (!fs.existsSync(built) || fs.statSync(built).mtimeMs < sources) {
  const res = spawnSync(process.execPath, [path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: root, stdio: 'inherit' });
  if (res.status !== 0) process.exit(res.status ?? 1);
}

const child = spawn(bin, [root, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
child.on('error', (err) => giveUp(`The Electron binary at ${bin} could not be started (${err.message}); ${WEB_SHELL}`));
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
