// Checkpoint files of the continuous learners: `learner.json` (algorithm, shapes, hyper-parameters, counters,
// RNG and normaliser states) plus `tensors.bin` / `tensors.json` (every weight, target weight and Adam moment,
// little-endian float32 back to back, indexed by name, shape and offset) and, for buffers, `buffer.bin` / `buffer.json`.
import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../../../src-shared/errors';
import { writeFileAtomic } from '../../files/atomic-write';
import type { NamedArray } from './networks';

export const CHECKPOINT_FILES = {
  learner: 'learner.json',
  tensors: 'tensors.bin',
  tensorIndex: 'tensors.json',
  buffer: 'buffer.bin',
  bufferIndex: 'buffer.json',
} as const;

interface IndexEntry {
  name: string;
  shape: number[];
  offset: number;
  length: number;
}

/** Writes named float32 arrays as one binary file plus a JSON index. */
export function writeArrays(dir: string, binName: string, indexName: string, arrays: Record<string, NamedArray>): void {
  fs.mkdirSync(dir, { recursive: true });
  const names = Object.keys(arrays).sort();
  const total = names.reduce((s, n) => s + arrays[n].data.length, 0);
  const all = new Float32Array(total);
  const index: IndexEntry[] = [];
  let offset = 0;
  for (const name of names) {
    const { shape, data } = arrays[name];
    all.set(data, offset);
    index.push({ name, shape, offset, length: data.length });
    offset += data.length;
  }
  writeFileAtomic(path.join(dir, binName), new Uint8Array(all.buffer, all.byteOffset, all.byteLength));
  writeFileAtomic(path.join(dir, indexName), JSON.stringify({ format: 'float32le', entries: index }));
}

export function readArrays(dir: string, binName: string, indexName: string): Record<string, NamedArray> {
  const indexFile = path.join(dir, indexName);
  const binFile = path.join(dir, binName);
  if (!fs.existsSync(indexFile) || !fs.existsSync(binFile)) {
    throw new UserError(`checkpoint ${dir} lacks ${indexName} or ${binName}`);
  }
  const index = JSON.parse(fs.readFileSync(indexFile, 'utf8')) as { format: string; entries: IndexEntry[] };
  if (index.format !== 'float32le') throw new UserError(`${indexFile}: unknown format '${index.format}'`);
  const bytes = fs.readFileSync(binFile);
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  const all = new Float32Array(copy.buffer);
  const out: Record<string, NamedArray> = {};
  for (const e of index.entries) {
    if (e.offset + e.length > all.length) throw new UserError(`${binFile} is truncated (entry '${e.name}')`);
    out[e.name] = { shape: e.shape, data: all.slice(e.offset, e.offset + e.length) };
  }
  return out;
}

export function writeJson(dir: string, name: string, value: unknown): void {
  fs.mkdirSync(dir, { recursive: true });
  writeFileAtomic(path.join(dir, name), JSON.stringify(value));
}

export function readJson<T>(dir: string, name: string): T {
  const file = path.join(dir, name);
  if (!fs.existsSync(file)) throw new UserError(`checkpoint ${dir} lacks ${name}`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

/** Refuses a checkpoint of another algorithm or another environment shape. */
export function checkCompatible(
  dir: string,
  saved: { algorithm: string; shape: Record<string, number> },
  expected: { algorithm: string; shape: Record<string, number> },
): void {
  if (saved.algorithm !== expected.algorithm) {
    throw new UserError(`checkpoint ${dir} is for '${saved.algorithm}', not '${expected.algorithm}'`);
  }
  for (const [k, v] of Object.entries(expected.shape)) {
    if (saved.shape[k] !== v) {
      throw new UserError(`checkpoint ${dir} has ${k} = ${saved.shape[k]}, this environment needs ${v}`);
    }
  }
}
