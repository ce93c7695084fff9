// Running a PyTorch reference script of the benches (bench/pytorch_reference.py for p1,
// bench/pytorch_mappo_reference.py for p2): finds a python3 that imports torch and runs the script, which
// prints one JSON line last. Never throws for a missing or failing python: the caller gets the reason instead.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export type ReferenceResult<T> = { row: T; why: '' } | { row: null; why: string };

/** VECWB_PYTHON, else the first python3 that imports torch (Debian's /usr/bin/python3 may sit behind a pyenv shim). */
export function findTorchPython(env: NodeJS.ProcessEnv = process.env): { python: string; why: '' } | { python: null; why: string } {
  const candidates = env.VECWB_PYTHON ? [env.VECWB_PYTHON] : ['python3', '/usr/bin/python3'];
  const python = candidates.find((py) => {
    const probe = spawnSync(py, ['-c', 'import torch'], { encoding: 'utf8' });
    return !probe.error && probe.status === 0;
  });
  if (python) return { python, why: '' };
  const where = env.VECWB_PYTHON ? `VECWB_PYTHON=${env.VECWB_PYTHON} does not import torch` : 'no python3 with torch found';
  return { python: null, why: `${where} (Debian: apt-get install python3-torch libopenblas0-pthread; or set VECWB_PYTHON)` };
}

/** Absolute path of a script in bench/. */
export function benchScript(name: string): string {
  return fileURLToPath(new URL(`./${name}`, import.meta.url));
}

/** Runs bench/`script` with `args` under the torch python and parses the last line of its stdout as JSON. */
export function runPythonReference<T>(script: string, args: readonly string[]): ReferenceResult<T> {
  const found = findTorchPython();
  if (found.python === null) return { row: null, why: found.why };
  // torch parallelises with its own (OpenMP) threads; OpenBLAS's pthreads on top oversubscribe the cores (measured on
  // 2 cores: 300-425 ms per paper-1 step against 114-133 ms with OPENBLAS_NUM_THREADS=1), unless the user set it.
  const env = { ...process.env, OPENBLAS_NUM_THREADS: process.env.OPENBLAS_NUM_THREADS ?? '1' };
  const res = spawnSync(found.python, [benchScript(script), ...args], { encoding: 'utf8', env });
  if (res.error) return { row: null, why: `${script}: ${res.error.message}` };
  if (res.status !== 0) return { row: null, why: `${script} failed: ${(res.stderr ?? '').trim().split('\n').pop() ?? ''}` };
  const line = res.stdout.trim().split('\n').pop() ?? '';
  try {
    return { row: JSON.parse(line) as T, why: '' };
  } catch {
    return { row: null, why: `${script} printed no JSON line (last line: ${line.slice(0, 120)})` };
  }
}
