// One process at a time per run folder: run.lock holds the owner's pid and host. A second `vecwb resume` (or a
// `vecwb serve` resuming the same folder) while the first is alive is refused before it touches anything; a
// lock left by a process that is gone (kill -9, power loss) is taken over.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { UserError } from '../../src-shared/errors';

export const RUN_LOCK_FILE = 'run.lock';

const lockSchema = z.object({ pid: z.number().int().positive(), host: z.string(), since: z.string() });

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

type RunLock = z.infer<typeof lockSchema>;

function readLock(dir: string): RunLock | null {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(path.join(dir, RUN_LOCK_FILE), 'utf8'));
  } catch {
    return null;
  }
  const lock = lockSchema.safeParse(raw);
  return lock.success ? lock.data : null;
}

/**
 * The live process holding `dir`'s lock (this one included), or null when there is none. A lock of another host
 * counts as held: its process cannot be checked from here.
 */
export function runLockHolder(dir: string): RunLock | null {
  const lock = readLock(dir);
  if (lock === null) return null;
  if (lock.host !== os.hostname()) return lock;
  return lock.pid === process.pid || alive(lock.pid) ? lock : null;
}

/** The live owner of `dir`'s lock other than this process, or null. */
export function runLockOwner(dir: string): RunLock | null {
  const lock = readLock(dir);
  if (lock === null) return null;
  const { pid, host } = lock;
  // Worker threads of this process share its pid; the engine keeps them apart itself (runs.resume of a live run).
  if (host !== os.hostname() || pid === process.pid || !alive(pid)) return null;
  return lock;
}

/** Takes the lock of `dir` (which must exist); returns its release. */
export function lockRunFolder(dir: string): () => void {
  const file = path.join(dir, RUN_LOCK_FILE);
  const owner = runLockOwner(dir);
  if (owner) throw new UserError(`${dir} is in use by process ${owner.pid} (since ${owner.since}); stop it first`);
  const mine = { pid: process.pid, host: os.hostname(), since: new Date().toISOString() };
  fs.writeFileSync(file, JSON.stringify(mine) + '\n');
  return () => {
    try {
      const now = lockSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
      if (now.success && now.data.pid === mine.pid && now.data.since === mine.since) fs.rmSync(file, { force: true });
    } catch {
      // already gone
    }
  };
}
