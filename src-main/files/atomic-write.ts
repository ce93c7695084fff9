// The one atomic file writer: data goes to `<file>.tmp-<pid>`, is synced, and is renamed over `file`, so readers
// see the old or the new file and a crash never leaves half of one (run folders, checkpoints, UI state). Leaf
// module: every layer may use it.
import fs from 'node:fs';
import path from 'node:path';

/** Suffix of the temporary files (run-folder.ts removes the ones a killed writer left). */
export const tmpFileOf = (file: string) => `${file}.tmp-${process.pid}`;

/** Flushes a folder's entry list, so a rename in it survives a power loss (not supported everywhere). */
function fsyncDir(dir: string): void {
  let fd: number | null = null;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Windows and some file systems cannot fsync a folder; the rename is still atomic.
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}

/** Writes `data` (text as UTF-8, or bytes, or byte chunks back to back) to `file` atomically and durably. */
export function writeFileAtomic(file: string, data: string | Uint8Array | readonly Uint8Array[]): void {
  const tmp = tmpFileOf(file);
  const fd = fs.openSync(tmp, 'w');
  try {
    const parts = typeof data === 'string' ? [Buffer.from(data, 'utf8')] : data instanceof Uint8Array ? [data] : data;
    for (const p of parts) {
      let off = 0;
      while (off < p.byteLength) off += fs.writeSync(fd, p, off, p.byteLength - off);
    }
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  fsyncDir(path.dirname(file));
}
