// Issue 15, many machines: a 2-run sweep queued on a real Redis (Debian's redis-server on a loopback port,
// password-protected) and executed by two `vecwb worker` processes; one is killed with SIGKILL mid-run. The
// other takes its run over (BullMQ's stalled-job check) and resumes it from its last checkpoint in the shared
// run root. Every run completes, every metrics.jsonl holds each line once, the results equal the local sweep's,
// and nothing of the sweep is left in Redis.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readMetrics } from '../../src-main/experiments/run-folder';
import { readSweepIndex } from '../../src-main/experiments/sweep-results';
import { runSweep } from '../../src-main/experiments/sweeps';
import { clusterLauncher, clusterSweepKey, type ClusterLauncher, type ClusterLauncherOptions } from '../../src-main/engine/cluster/coordinator';
import { checkRedis } from '../../src-main/engine/cluster/connection';
import { recordKey } from '../../src-main/engine/cluster/protocol';
import { parseRedisUrl } from '../../src-main/engine/cluster/redis-url';
import { tinySweep, untimed } from './sweep-fixtures';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const redisBin = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).stdout.trim();
if (!redisBin) console.warn('cluster tests skipped: redis-server is not installed (Debian: apt-get install redis-server; .ci/run installs it)');

const PASSWORD = 'pw-Secret-42';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vecwb-cluster-'));
/** The Redis server (killed after all tests) and the workers of the running test (killed after each). */
let server: ChildProcess | null = null;
const workers: ChildProcess[] = [];
let url = '';

const launchers: ClusterLauncher[] = [];

/** A coordinator's launcher, closed after the test whatever its outcome. */
async function openLauncher(opts: ClusterLauncherOptions): Promise<ClusterLauncher> {
  const launcher = await clusterLauncher(opts);
  launchers.push(launcher);
  return launcher;
}

/** Bounded: a cleanup step never hangs the suite. */
const within = (p: Promise<unknown>, ms: number) => Promise.race([p.catch(() => {}), new Promise((r) => setTimeout(r, ms))]);

/** Kills a process and waits (bounded) until it is gone: nothing of a test outlives it, failed or not. */
async function stop(p: ChildProcess): Promise<void> {
  if (p.exitCode !== null || p.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => p.once('exit', () => resolve()));
  p.kill('SIGKILL');
  await within(gone, 5000);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

function startWorker(): { proc: ChildProcess; log: () => string } {
  let log = '';
  const proc = spawn(process.execPath, ['bin/vecwb.mjs', 'worker', '--redis', url, '--concurrency', '1', '--run-root', path.join(tmp, 'shared')], {
    cwd: root,
    env: { ...process.env, VECWB_CLUSTER_LOCK_MS: '2000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  workers.push(proc);
  proc.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  return { proc, log: () => log };
}

async function until(cond: () => boolean, what: string, ms = 60_000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  if (!redisBin) return;
  const port = await freePort();
  server = spawn(redisBin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--requirepass', PASSWORD], { stdio: 'ignore' });
  url = `redis://:${PASSWORD}@127.0.0.1:${port}`;
  const target = parseRedisUrl('--redis', url);
  for (let i = 0; ; i++) {
    try {
      await checkRedis(target, '--redis', 1000);
      break;
    } catch (err) {
      if (i > 50) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}, 30_000);

// A test that failed half-way leaves its workers running: they would take the next test's runs.
// Its jobs and streams would too: each test starts from an empty Redis.
afterEach(async () => {
  await Promise.all(launchers.splice(0).map((l) => within(l.close(), 5000)));
  await Promise.all(workers.splice(0).map(stop));
  if (!url) return;
  const redis = new Redis({ ...parseRedisUrl('--redis', url).options, lazyConnect: true, maxRetriesPerRequest: 1 });
  redis.on('error', () => {});
  try {
    await within(redis.connect().then(() => redis.flushall()), 5000);
  } finally {
    redis.disconnect();
  }
}, 30_000);

afterAll(async () => {
  await Promise.all(workers.splice(0).map(stop));
  if (server) await stop(server);
  fs.rmSync(tmp, { recursive: true, force: true });
}, 30_000);

const def = tinySweep(8, [1, 2], ['pqmix']);
let localCache: ReturnType<typeof untimed>[] | null = null;
/** The local sweep's metrics (in this process, one run after another): what the cluster must reproduce. */
async function localResults(): Promise<ReturnType<typeof untimed>[]> {
  if (localCache) return localCache;
  const local = path.join(tmp, 'local');
  await runSweep(def, { outDir: local });
  localCache = readSweepIndex(local).runs.map((r) => untimed(readMetrics(path.join(local, r.dir))));
  return localCache;
}

describe.skipIf(!redisBin)('cluster sweep on Redis with BullMQ', () => {
  it('two workers, one killed with SIGKILL mid-run: the run resumes elsewhere, each line once, equal to the local sweep, no keys left', async () => {
    const expected = await localResults();

    const a = startWorker();
    const b = startWorker();
    await until(() => a.log().includes('ready') && b.log().includes('ready'), 'both workers ready');

    const target = parseRedisUrl('--queue', url);
    const out = path.join(tmp, 'coordinator');
    const sweepKey = clusterSweepKey(def.id, out);
    const lines: string[] = [];
    const launcher = await openLauncher({ target, sweepKey, log: (s) => lines.push(s), checkEveryMs: 1000 });
    const episodes = new Map<number, number>();
    let killed = false;
    const index = await runSweep(def, {
      outDir: out,
      launcher,
      concurrency: 2,
      hooks: {
        onRunRecord(entry, r) {
          if (r.kind === 'episode') episodes.set(entry.index, r.episode);
          // Both runs past episode 3 (so each worker holds one): kill worker a, mid-run.
          if (!killed && [...episodes.values()].filter((e) => e >= 3).length === 2) {
            killed = true;
            a.proc.kill('SIGKILL');
          }
        },
      },
    });
    await launcher.close();
    expect(killed).toBe(true);
    expect(index.runs.map((r) => r.status)).toEqual(['completed', 'completed']);
    // The killed worker's run was taken over and resumed from a checkpoint.
    expect(lines.some((l) => /attempt 2 on .*resumed from its last checkpoint/.test(l))).toBe(true);
    expect(b.log()).toMatch(/resuming from its last checkpoint \(attempt 2\)/);

    for (const [i, r] of index.runs.entries()) {
      const records = readMetrics(path.join(out, r.dir));
      const keys = records.map(recordKey);
      expect(new Set(keys).size).toBe(keys.length);
      expect(records.filter((m) => m.kind === 'episode').map((m) => m.episode)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(untimed(records)).toEqual(expected[i]);
      expect(r.summary).toMatchObject({ status: 'completed', episodesDone: 8, dir: path.join(out, r.dir) });
    }

    // Nothing of the sweep is left in Redis: no run stream, no cancel flag, no job.
    const redis = new Redis({ ...target.options });
    try {
      // Only the queue's own bookkeeping stays (its id counter, meta data, event log, stalled-check stamp).
      const queueKeys = ['bull:vecwb-runs:events', 'bull:vecwb-runs:id', 'bull:vecwb-runs:meta', 'bull:vecwb-runs:stalled-check'];
      expect((await redis.keys('*')).filter((k) => !queueKeys.includes(k))).toEqual([]);
    } finally {
      redis.disconnect();
    }
    // The password never reached a log.
    for (const text of [a.log(), b.log(), lines.join('\n')]) expect(text).not.toContain(PASSWORD);
    expect(b.log()).toContain('redis://:***@127.0.0.1:');

    b.proc.kill('SIGTERM');
    await until(() => b.proc.exitCode !== null, 'worker b to stop', 20_000);
    expect(b.log()).toContain('vecwb worker: stopped');
  }, 240_000);

  it('a coordinator interrupted mid-sweep cancels its runs at a checkpoint; run again, it resumes them to the same results', async () => {
    const expected = await localResults();
    const w = startWorker();
    await until(() => w.log().includes('ready'), 'worker ready');
    const target = parseRedisUrl('--queue', url);
    const out = path.join(tmp, 'coordinator-2');
    const sweepKey = clusterSweepKey(def.id, out);
    const abort = new AbortController();
    const first = await openLauncher({ target, sweepKey, log: () => {}, checkEveryMs: 1000 });
    // One worker runs one run at a time: the sweep is interrupted once the run it took first has finished its
    // third episode.
    const index = await runSweep(def, {
      outDir: out,
      launcher: first,
      concurrency: 2,
      signal: abort.signal,
      hooks: { onRunRecord: (_e, r) => r.kind === 'episode' && r.episode === 3 && abort.abort() },
    });
    await first.close();
    // What any interleaving guarantees: the run taken first has done episode 3 at least; the worker polls the
    // cancel flag once a second, so it stops at a later checkpoint, or (a fast machine) may even reach its end
    // (then it may also report 'completed'). The other one was still queued (removed from the queue, 0 episodes)
    // or, if the worker was free first, taken and cancelled. Each coordinator folder holds exactly the episodes
    // its summary counts.
    for (const r of index.runs) expect(r.status === 'cancelled' || (r.status === 'completed' && r.summary?.episodesDone === 8)).toBe(true);
    const done = index.runs.map((r) => r.summary?.episodesDone ?? -1);
    const [other, stopped] = [...done].sort((x, y) => x - y);
    expect(stopped).toBeGreaterThanOrEqual(3);
    expect(stopped).toBeLessThanOrEqual(8);
    expect(other).toBeGreaterThanOrEqual(0);
    expect(other).toBeLessThanOrEqual(8);
    for (const [i, r] of index.runs.entries()) {
      const episodes = readMetrics(path.join(out, r.dir)).filter((m) => m.kind === 'episode').map((m) => m.episode);
      expect(episodes).toEqual(Array.from({ length: done[i] }, (_, k) => k + 1));
    }

    const second = await openLauncher({ target, sweepKey, log: () => {}, checkEveryMs: 1000 });
    const resumed = await runSweep(def, { outDir: out, launcher: second, concurrency: 2 });
    await second.close();
    expect(resumed.runs.map((r) => r.status)).toEqual(['completed', 'completed']);
    // A run cancelled after an episode continues from its checkpoint (not from scratch).
    if (index.runs.some((r) => r.status === 'cancelled' && (r.summary?.episodesDone ?? 0) > 0)) {
      expect(w.log()).toMatch(/pqmix seed \d: resuming from its last checkpoint/);
    }
    for (const [i, r] of resumed.runs.entries()) expect(untimed(readMetrics(path.join(out, r.dir)))).toEqual(expected[i]);
    const redis = new Redis({ ...target.options });
    try {
      expect((await redis.keys('vecwb:*')).concat(await redis.keys(`*${sweepKey}*`))).toEqual([]);
    } finally {
      redis.disconnect();
    }
    w.proc.kill('SIGTERM');
    await until(() => w.proc.exitCode !== null, 'worker c to stop', 20_000);
  }, 240_000);

  it('a worker stopped with SIGTERM mid-run checkpoints its run and puts it back; the next worker resumes it', async () => {
    const expected = await localResults();
    const first = startWorker();
    await until(() => first.log().includes('ready'), 'worker ready');
    const target = parseRedisUrl('--queue', url);
    const out = path.join(tmp, 'coordinator-3');
    const launcher = await openLauncher({ target, sweepKey: clusterSweepKey(def.id, out), log: () => {}, checkEveryMs: 1000 });
    let second: ReturnType<typeof startWorker> | null = null;
    // SIGTERM once the first worker holds a run for sure: it logged that it took the run and the run's third
    // episode line arrived (the only worker, so that run is the first worker's); then a second worker starts.
    let third = false;
    const sweep = runSweep(def, {
      outDir: out,
      launcher,
      concurrency: 2,
      hooks: { onRunRecord: (_e, r) => void (r.kind === 'episode' && r.episode === 3 && (third = true)) },
    });
    let ended = false;
    void sweep.finally(() => (ended = true)).catch(() => {});
    await until(() => ended || (third && /pqmix seed \d: starting \(attempt 1\)/.test(first.log())), 'a run of the first worker in its third episode', 120_000);
    expect(ended).toBe(false);
    first.proc.kill('SIGTERM');
    second = startWorker();
    const index = await sweep;
    await launcher.close();
    expect(index.runs.map((r) => r.status)).toEqual(['completed', 'completed']);
    await until(() => first.proc.exitCode !== null, 'the first worker to stop', 20_000);
    expect(first.log()).toMatch(/pqmix seed \d: checkpointed at episode \d, back in the queue/);
    const next = second as ReturnType<typeof startWorker> | null;
    expect(next?.log()).toMatch(/pqmix seed \d: resuming from its last checkpoint \(attempt 2\)/);
    for (const [i, r] of index.runs.entries()) expect(untimed(readMetrics(path.join(out, r.dir)))).toEqual(expected[i]);
    next?.proc.kill('SIGTERM');
  }, 240_000);

  it('refuses a bad --redis URL and a wrong password in one line, the password redacted', () => {
    const bad = spawnSync(process.execPath, ['bin/vecwb.mjs', 'worker', '--redis', `http://:${PASSWORD}@127.0.0.1:1`], { cwd: root, encoding: 'utf8' });
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toBe(`vecwb: --redis: 'http://:***@127.0.0.1:1' has scheme 'http', not redis or rediss (expected redis://[user:password@]host[:port][/db] or rediss://...)\n`);
    const wrong = spawnSync(process.execPath, ['bin/vecwb.mjs', 'worker', '--redis', url.replace(PASSWORD, 'not-the-password')], { cwd: root, encoding: 'utf8' });
    expect(wrong.status).not.toBe(0);
    expect(wrong.stderr.trim().split('\n')).toHaveLength(1);
    expect(wrong.stderr).toMatch(/^vecwb: --redis: cannot use redis:\/\/:\*\*\*@127\.0\.0\.1:\d+: WRONGPASS/);
    expect(wrong.stderr).not.toContain('not-the-password');
  }, 60_000);
});
