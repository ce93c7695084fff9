// Creating folders the user named (--out, --runs-dir): one clear error instead of a raw ENOTDIR trace, and no
// recursive fs.mkdirSync, which spins forever on paths like /proc/x (Node retries its ENOENT there).
import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../../src-shared/errors';

const REASONS: Record<string, string> = {
  ENOENT: 'no such folder',
  ENOTDIR: 'a part of the path is a file',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  ENAMETOOLONG: 'name too long',
  ELOOP: 'too many symbolic links',
  EEXIST: 'exists and is not a folder',
};

/** A one-line reason for a file-system error ("permission denied"), or its message when not a system error. */
export function fsReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return (code && REASONS[code]) ?? (code ? code : err instanceof Error ? err.message : String(err));
}

/** Why `dir` cannot be a folder we create or write into, without touching the disk; null when it looks fine. */
export function folderProblem(dir: string): string | null {
  let cur = path.resolve(dir);
  for (;;) {
    let st: fs.Stats;
    try {
      st = fs.statSync(cur);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') return `${cur}: ${fsReason(err)}`;
      const parent = path.dirname(cur);
      if (parent === cur) return `${cur}: ${fsReason(err)}`;
      cur = parent;
      continue;
    }
    if (!st.isDirectory()) return `${cur} is a file, not a folder`;
    try {
      fs.accessSync(cur, fs.constants.W_OK);
    } catch (err) {
      return `${cur}: ${fsReason(err)}`;
    }
    return null;
  }
}

/** Creates `dir` and its missing parents one by one; a failure is a UserError starting with `what`. */
export function makeDirectory(dir: string, what: string): void {
  const abs = path.resolve(dir);
  const missing: string[] = [];
  for (let cur = abs; ; ) {
    if (fs.existsSync(cur)) {
      if (!fs.statSync(cur).isDirectory()) throw new UserError(`${what}: ${cur} is a file, not a folder`);
      break;
    }
    missing.unshift(cur);
    const parent = path.dirname(cur);
    if (parent === cur) break;
    cur = parent;
  }
  for (const d of missing) {
    try {
      fs.mkdirSync(d);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST' && fs.statSync(d).isDirectory()) continue;
      throw new UserError(`${what}: cannot create ${d} (${fsReason(err)})`);
    }
  }
}
