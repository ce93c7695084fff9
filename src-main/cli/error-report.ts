// The CLI's one error path: every error leaves as one line on stderr and an exit code. Bad input (a flag, a
// file, a value) exits 2 and names what was wrong; anything else is an internal error (exit 1). The stack trace
// is printed only with --debug (or VECWB_DEBUG=1).
import { UserError, ValidationError } from '../../src-shared/errors';

/** File-system errors caused by a path the user gave: bad input, not a bug. */
const INPUT_FS_CODES: Record<string, string> = {
  ENOENT: 'no such file or folder',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'is a folder, not a file',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EEXIST: 'already exists',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  ENAMETOOLONG: 'name too long',
  ELOOP: 'too many symbolic links',
};

export interface ErrorReport {
  line: string;
  exitCode: 1 | 2;
}

/**
 * First line of a message, at most `max` characters: 400 for an internal error (a learner's can carry kilobytes of
 * source), more for bad input, whose message is ours and says how to fix it (the RSU coverage names a dozen fields).
 */
function oneLine(message: string, max = 400): string {
  const first = message.split('\n')[0].trim();
  return first.length > max ? `${first.slice(0, max)}...` : first;
}

export function describeError(err: unknown): ErrorReport {
  if (err instanceof ValidationError) return { line: err.message, exitCode: 2 };
  if (err instanceof UserError || err instanceof RangeError) return { line: oneLine(err.message, 2000), exitCode: 2 };
  const sys = err as NodeJS.ErrnoException | null;
  if (sys && typeof sys.code === 'string' && sys.code in INPUT_FS_CODES && typeof sys.path === 'string') {
    return { line: `${sys.path}: ${INPUT_FS_CODES[sys.code]}`, exitCode: 2 };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { line: `internal error: ${oneLine(message)} (run with --debug for the stack trace)`, exitCode: 1 };
}

export function isDebug(argv: readonly string[]): boolean {
  return argv.includes('--debug') || process.env.VECWB_DEBUG === '1';
}

/** Writes the report of `err` to stderr and sets the exit code. */
export function reportError(err: unknown, debug: boolean): void {
  const { line, exitCode } = describeError(err);
  process.stderr.write(`vecwb: ${line}\n`);
  if (debug && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
  process.exitCode = exitCode;
}
