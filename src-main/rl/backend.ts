// Chooses the TensorFlow.js backend for the learners: the fastest one that loads, unless the user names one.
// The native packages (@tensorflow/tfjs-node-gpu, @tensorflow/tfjs-node) are optional: they are imported
// lazily and their absence is normal. wasm needs its .wasm binaries, located through setWasmPaths.
import { createRequire } from 'node:module';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { UserError } from '../../src-shared/errors';

/** Backends in the order `auto` tries them (fastest first). */
export const backendOrder = ['tfjs-node-gpu', 'tfjs-node', 'wasm', 'cpu'] as const;
export type BackendName = (typeof backendOrder)[number];

/** Accepted preference strings; `tensorflow` means "a native build, GPU first". */
export const backendPreferences = ['auto', 'tensorflow', ...backendOrder] as const;

export interface BackendChoice {
  name: BackendName;
  reason: string;
}

/** tfjs registers both native builds under the same backend name. */
const tfBackendName: Record<BackendName, string> = {
  'tfjs-node-gpu': 'tensorflow',
  'tfjs-node': 'tensorflow',
  wasm: 'wasm',
  cpu: 'cpu',
};

let current: BackendChoice | null = null;
const chosenFor = new Map<string, BackendChoice>();
let wasmPathsSet = false;

function wasmDistDir(): string {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve('@tensorflow/tfjs-backend-wasm/package.json');
  return path.join(path.dirname(pkg), 'dist') + path.sep;
}

async function importOptional(pkg: string): Promise<string | null> {
  try {
    // A computed specifier keeps bundlers and the type checker from requiring the optional package.
    const specifier: string = pkg;
    await import(/* @vite-ignore */ specifier);
    return null;
  } catch (err) {
    const msg = err instanceof Error ? err.message.split('\n')[0] : String(err);
    return /Cannot find (module|package)|ERR_MODULE_NOT_FOUND/.test(msg) ? `${pkg} is not installed` : `${pkg} failed to load: ${msg}`;
  }
}

/** Tries to make `name` the active backend; returns null on success or why it is unavailable. */
async function tryBackend(name: BackendName): Promise<string | null> {
  if (name === 'tfjs-node-gpu' || name === 'tfjs-node') {
    const failure = await importOptional(`@tensorflow/${name}`);
    if (failure) return failure;
  }
  if (name === 'wasm' && !wasmPathsSet) {
    setWasmPaths(wasmDistDir());
    wasmPathsSet = true;
  }
  try {
    // The cpu backend prints an "install tfjs-node" banner on first use; the choice is reported to the user
    // anyway (prod mode only silences tfjs warnings and debug checks).
    if (name === 'cpu') tf.enableProdMode();
    const ok = await tf.setBackend(tfBackendName[name]);
    if (!ok) return `tf.setBackend('${tfBackendName[name]}') failed`;
    await tf.ready();
    return null;
  } catch (err) {
    return `${name} failed to initialise: ${err instanceof Error ? err.message : String(err)}`;
  }
}

function normalise(preference: string | undefined): (typeof backendPreferences)[number] {
  const raw = (preference ?? process.env.VECWB_TF_BACKEND ?? 'auto').trim().toLowerCase();
  const p = raw === '' ? 'auto' : raw;
  if (!(backendPreferences as readonly string[]).includes(p)) {
    throw new UserError(`backend must be one of ${backendPreferences.join(', ')}; got '${preference}'`);
  }
  return p as (typeof backendPreferences)[number];
}

/**
 * Activates a backend. `preference` comes from the config/CLI, else the env var VECWB_TF_BACKEND, else
 * `auto` (tfjs-node-gpu, tfjs-node, wasm, cpu: the first that loads). A named backend that cannot load is
 * a UserError; `tensorflow` accepts either native build.
 */
export async function selectBackend(preference?: string): Promise<BackendChoice> {
  const p = normalise(preference);
  const candidates: BackendName[] =
    p === 'auto' ? [...backendOrder] : p === 'tensorflow' ? ['tfjs-node-gpu', 'tfjs-node'] : [p];
  const cached = chosenFor.get(p);
  if (cached && tf.getBackend() === tfBackendName[cached.name]) return (current = cached);
  const skipped: string[] = [];
  for (const name of candidates) {
    const failure = await tryBackend(name);
    if (failure === null) {
      const why =
        p === 'auto'
          ? skipped.length
            ? `auto: fastest available (${skipped.join('; ')})`
            : 'auto: fastest available'
          : `requested '${p}'${skipped.length ? ` (${skipped.join('; ')})` : ''}`;
      current = { name, reason: why };
      chosenFor.set(p, current);
      return current;
    }
    skipped.push(failure);
  }
  throw new UserError(`backend '${p}' is not available: ${skipped.join('; ')}`);
}

/** The backend chosen last, or null before the first selectBackend. */
export function currentBackend(): BackendChoice | null {
  return current;
}
