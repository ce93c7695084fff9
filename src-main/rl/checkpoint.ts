// Checkpoint files. Tensors are stored in the TensorFlow.js weights format: a JSON manifest
// ({ weightsManifest: [{ paths, weights: [{ name, shape, dtype }] }] }) next to a binary of little-endian
// float32 data, readable with tf.io.decodeWeights. Every file is written to a temporary name and renamed,
// so a crash never leaves a half-written checkpoint file.
import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../files/atomic-write';
import { sizeOf, type NamedArray } from './nn/params';

export { writeFileAtomic };

export const WEIGHTS_FORMAT = 'vecwb-tfjs-weights';

export function writeJsonAtomic(file: string, value: unknown): void {
  writeFileAtomic(file, JSON.stringify(value, null, 1));
}

/** Writes `<base>.json` (manifest) and `<base>.weights.bin` into dir. */
export function writeWeights(dir: string, base: string, arrays: readonly NamedArray[]): void {
  const bin = `${base}.weights.bin`;
  const chunks = arrays.map((a) => {
    if (a.data.length !== sizeOf(a.shape)) throw new Error(`weights '${a.name}': ${a.data.length} values for shape [${a.shape}]`);
    return new Uint8Array(a.data.buffer, a.data.byteOffset, a.data.byteLength);
  });
  writeFileAtomic(path.join(dir, bin), chunks);
  writeJsonAtomic(path.join(dir, `${base}.json`), {
    format: WEIGHTS_FORMAT,
    weightsManifest: [{ paths: [bin], weights: arrays.map((a) => ({ name: a.name, shape: a.shape, dtype: 'float32' })) }],
  });
}

interface Manifest {
  format?: string;
  weightsManifest: { paths: string[]; weights: { name: string; shape: number[]; dtype: string }[] }[];
}

export function readWeights(dir: string, base: string): NamedArray[] {
  const manifestFile = path.join(dir, `${base}.json`);
  if (!fs.existsSync(manifestFile)) throw new Error(`checkpoint file missing: ${manifestFile}`);
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Manifest;
  const out: NamedArray[] = [];
  for (const group of manifest.weightsManifest) {
    const bytes = Buffer.concat(group.paths.map((p) => fs.readFileSync(path.join(dir, p))));
    let off = 0;
    for (const w of group.weights) {
      if (w.dtype !== 'float32') throw new Error(`weights '${w.name}': dtype ${w.dtype} is not supported`);
      const n = sizeOf(w.shape);
      if (off + 4 * n > bytes.byteLength) throw new Error(`checkpoint ${base}: weights data is truncated`);
      // copy into an aligned buffer (a Buffer slice may start at an odd offset)
      const data = new Float32Array(n);
      new Uint8Array(data.buffer).set(bytes.subarray(off, off + 4 * n));
      out.push({ name: w.name, shape: w.shape, data });
      off += 4 * n;
    }
    if (off !== bytes.byteLength) throw new Error(`checkpoint ${base}: weights data has trailing bytes`);
  }
  return out;
}
