// Which trace files a scenario may open. Shells that take scenarios from a network client (the web server, the
// Electron renderer) confine `mobility.file` to a few folders (the upload store, the scenario's own folder): the
// real path (symlinks followed) must lie inside one of them, or the file is refused without being opened, and
// the refusal reads the same whether or not the file exists (no existence or content leaks).
import fs from 'node:fs';
import path from 'node:path';
import { FieldError } from '../../../src-shared/errors';

function realOrLexical(p: string): string {
  try {
    return fs.realpathSync.native(p);
  } catch {
    return path.resolve(p);
  }
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

function isInside(file: string, root: string): boolean {
  const rel = path.relative(root, file);
  return rel === '' ? false : !rel.startsWith('..') && !path.isAbsolute(rel);
}

/**
 * Resolves `file` against `baseDir` and, when `roots` are given, checks it lies inside one of them (after
 * realpath); the file must exist (every route says so the same way). Returns the resolved path; throws a
 * FieldError on `field` otherwise. The message names the file as the user gave it, never the resolved server path.
 */
export function confineTracePath(file: string, baseDir: string, roots: readonly string[] | undefined, field = 'mobility.file'): string {
  const resolved = path.isAbsolute(file) ? path.normalize(file) : path.resolve(baseDir, file);
  if (!roots) {
    if (!isFile(resolved)) throw new FieldError(field, `trace file '${file}' does not exist`);
    return resolved;
  }
  const real = realOrLexical(resolved);
  const realRoots = roots.map(realOrLexical);
  if (!realRoots.some((r) => isInside(real, r))) {
    throw new FieldError(
      field,
      `'${file}' is outside the folders traces may be read from; upload the trace (Vehicles > Upload FCD XML) ` +
        `or put it in the scenario's folder`,
    );
  }
  if (!isFile(real)) throw new FieldError(field, `trace file '${file}' does not exist`);
  return real;
}
