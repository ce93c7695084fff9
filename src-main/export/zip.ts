// Many exported files become one download: a zip archive written with fflate (deflate level 6, UTF-8 names).
import fs from 'node:fs';
import { zipSync, type Zippable } from 'fflate';
import { UserError } from '../../src-shared/errors';

export interface ZipEntry {
  /** Path inside the archive, with forward slashes. */
  name: string;
  data: Uint8Array;
}

/** The bytes of a zip archive holding `entries` (deflated; fflate stores entries deflate does not shrink). */
export function zipBytes(entries: readonly ZipEntry[], now = new Date()): Uint8Array {
  if (entries.length > 0xffff) throw new UserError('too many files for one zip (65535)');
  const tree: Zippable = {};
  for (const e of entries) {
    const name = e.name.replace(/\\/g, '/');
    if (name in tree) throw new UserError(`two files would have the same name in the zip: ${name}`);
    tree[name] = [e.data, { level: 6, mtime: now }];
  }
  return zipSync(tree);
}

/** Writes `files` (name inside the archive -> file on disk) as the zip `out`. */
export function writeZip(out: string, files: readonly { name: string; file: string }[]): void {
  fs.writeFileSync(out, zipBytes(files.map((f) => ({ name: f.name, data: fs.readFileSync(f.file) }))));
}
