// The coordinator's side of a cluster sweep (`vecwb reproduce --queue`): a RunLauncher that enqueues each run
// as a BullMQ job (its id fixed by the sweep and the run, so enqueueing again is a no-op) and follows the run's
// Redis stream into the coordinator's own run folder (RunFolderSink), live. One reader serves every stream
// of the sweep. Streams are deleted once read to their end; finished jobs leave the queue; so nothing of a
// sweep stays in Redis once it is collected.
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import { runRequestSchema, type RunRequest, type RunRequestInput, type RunSummary } from '../../../src-shared/schemas/run';
import { readRunConfig, readSummary } from '../../experiments/run-folder';
import type { RunLauncher, SweepRunHandle, SweepRunHooks } from '../../experiments/sweeps';
import { errorText, redisClient } from './connection';
import { cancelKey, jobIdFor, QUEUE_NAME, streamEntrySchema, streamKey, type RunJob, type StreamEntry } from './protocol';
import { RunFolderSink } from './run-sink';
import type { RedisTarget } from './redis-url';

/** A sweep's key in the queue and the workers' run root: its id and where its coordinator keeps it. */
export function clusterSweepKey(sweepId: string, outDir: string): string {
  const where = createHash('sha256').update(`${os.hostname()}\n${path.resolve(outDir)}`).digest('hex').slice(0, 10);
  return `${sweepId}-${where}`.replace(/[^A-Za-z0-9._-]/g, '_');
}

export interface ClusterLauncherOptions {
  target: RedisTarget;
  sweepKey: string;
  log(line: string): void;
  /** How often jobs without news are looked up in the queue (failed after too many stalls, removed). */
  checkEveryMs?: number;
}

export interface ClusterLauncher extends RunLauncher {
  close(): Promise<void>;
}

interface Tracked {
  jobId: string;
  label: string;
  req: RunRequest;
  sink: RunFolderSink;
  hooks: SweepRunHooks;
  lastId: string;
  lastNews: number;
  /** Lookups that found the job gone or failed with no end in its stream. */
  suspect: number;
  ok(s: RunSummary): void;
  fail(e: Error): void;
}

export async function clusterLauncher(opts: ClusterLauncherOptions): Promise<ClusterLauncher> {
  const { target, sweepKey, log } = opts;
  const checkEveryMs = opts.checkEveryMs ?? 3000;
  const queue = new Queue(QUEUE_NAME, { connection: target.options });
  queue.on('error', (err) => log(`queue: ${errorText(err, target)}`));
  const cmd = redisClient(target);
  const reader = redisClient(target);
  const tracked = new Map<string, Tracked>();
  let closed = false;
  let wake: (() => void) | null = null;

  const finish = (t: Tracked, end: { summary: RunSummary } | { error: string }) => {
    tracked.delete(t.jobId);
    t.sink.close();
    void cmd.del(streamKey(t.jobId), cancelKey(t.jobId)).catch(() => {});
    if ('summary' in end) t.ok(t.sink.summary(end.summary));
    else {
      // A failed job stays in the queue's failed set until collected here; re-running the sweep retries it.
      void queue.remove(t.jobId).catch(() => {});
      t.fail(new Error(end.error));
    }
  };

  const apply = (t: Tracked, entry: StreamEntry) => {
    switch (entry.type) {
      case 'attempt':
        if (entry.attempt > 1 || entry.resumed) log(`${t.label}: attempt ${entry.attempt} on ${entry.worker}${entry.resumed ? ', resumed from its last checkpoint' : ''}`);
        return;
      case 'config':
        return t.sink.config(entry.config);
      case 'records':
        for (const r of t.sink.records(entry.records)) t.hooks.onRecord?.(r);
        return;
      case 'progress':
        return t.hooks.onProgress?.(entry.progress);
      case 'summary':
        t.sink.summary(entry.summary);
        return;
      case 'done':
        return finish(t, { summary: entry.summary });
      case 'failed':
        return finish(t, { error: entry.message });
    }
  };

  /** Jobs with no news for a while: gone from the queue, or failed by it (stalled too often), end here. */
  const check = async (now: number) => {
    for (const t of [...tracked.values()]) {
      if (now - t.lastNews < checkEveryMs) continue;
      t.lastNews = now;
      const state = await queue.getJobState(t.jobId);
      if (state !== 'failed' && state !== 'unknown') {
        t.suspect = 0;
        continue;
      }
      // Read the stream once more before concluding: its last entries may have arrived meanwhile.
      if (++t.suspect < 2) continue;
      const job = state === 'failed' ? await queue.getJob(t.jobId) : undefined;
      finish(t, { error: state === 'failed' ? `the queue failed the run: ${job?.failedReason ?? 'no reason given'}` : 'the run left the queue without a result' });
    }
  };

  const loop = async () => {
    while (!closed) {
      if (tracked.size === 0) {
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      const list = [...tracked.values()];
      let res: [string, [string, string[]][]][] | null = null;
      try {
        res = (await reader.xread('COUNT', 1000, 'BLOCK', 1000, 'STREAMS', ...list.map((t) => streamKey(t.jobId)), ...list.map((t) => t.lastId))) as
          | [string, [string, string[]][]][]
          | null;
      } catch (err) {
        if (closed) return;
        log(`reading run streams: ${errorText(err, target)}`);
        await new Promise((r) => setTimeout(r, 1000));
      }
      for (const [key, entries] of res ?? []) {
        const t = list.find((x) => streamKey(x.jobId) === key);
        if (!t) continue;
        for (const [id, fields] of entries) {
          t.lastId = id;
          t.lastNews = Date.now();
          t.suspect = 0;
          const raw = fields[fields.indexOf('e') + 1];
          let json: unknown;
          try {
            json = JSON.parse(raw ?? '');
          } catch {
            json = null;
          }
          const entry = streamEntrySchema.safeParse(json);
          if (!entry.success) {
            log(`${t.label}: ignored an invalid stream entry (${entry.error.issues[0]?.message ?? ''})`);
            continue;
          }
          if (tracked.has(t.jobId)) apply(t, entry.data);
        }
        // What is read is in the run folder now: drop it from Redis (a restarted coordinator needs only the rest).
        if (tracked.has(t.jobId)) void cmd.xtrim(key, 'MINID', t.lastId).catch(() => {});
      }
      try {
        await check(Date.now());
      } catch (err) {
        if (!closed) log(`queue lookup: ${errorText(err, target)}`);
      }
    }
  };
  const looping = loop();

  const cancelled = (req: RunRequest, dir: string): RunSummary => {
    const earlier = readSummary(dir);
    if (earlier) return { ...earlier, status: 'cancelled', dir };
    const now = new Date().toISOString();
    return {
      runId: path.basename(dir), dir, env: req.env, algo: req.algo, seed: req.seed, status: 'cancelled', episodes: req.episodes,
      episodesDone: 0, startedAt: now, finishedAt: now, wallTimeS: 0, backend: null, means: {}, lastCheckpoint: null, error: null,
    };
  };

  const streamEnded = async (jobId: string): Promise<boolean> => {
    const last = (await cmd.xrevrange(streamKey(jobId), '+', '-', 'COUNT', 1))[0];
    if (!last) return false;
    const fields = last[1];
    try {
      const entry = streamEntrySchema.safeParse(JSON.parse(fields[fields.indexOf('e') + 1] ?? ''));
      return entry.success && (entry.data.type === 'done' || entry.data.type === 'failed');
    } catch {
      return false;
    }
  };

  const launch = async (req: RunRequest, dir: string, hooks: SweepRunHooks): Promise<SweepRunHandle> => {
    const folder = path.basename(dir);
    const jobId = jobIdFor(sweepKey, folder);
    const { outDir: _coordinatorDir, ...request } = req;
    const data: RunJob = { v: 1, runDir: `${sweepKey}/${folder}`, label: req.name ?? folder, request };
    const state = await queue.getJobState(jobId);
    // A job left over from an earlier session that ended (failed, or completed and kept) would block re-adding.
    if (state === 'failed' || state === 'completed') await queue.remove(jobId);
    // A run that ended while no coordinator was reading has its end in its stream: collect it, do not run it again.
    if (!(state === 'unknown' && (await streamEnded(jobId)))) {
      await queue.add('run', data, { jobId, attempts: 1, removeOnComplete: true, removeOnFail: false });
    }
    let settle: { ok(s: RunSummary): void; fail(e: Error): void } = { ok: () => {}, fail: () => {} };
    const done = new Promise<RunSummary>((ok, fail) => (settle = { ok, fail }));
    const t: Tracked = { jobId, label: data.label, req, sink: new RunFolderSink(dir), hooks, lastId: '0', lastNews: Date.now(), suspect: 0, ...settle };
    tracked.set(jobId, t);
    wake?.();
    wake = null;
    const cancel = () => {
      void (async () => {
        if (!tracked.has(jobId)) return;
        const now = await queue.getJobState(jobId);
        if ((now === 'waiting' || now === 'delayed' || now === 'prioritized') && (await queue.remove(jobId)) === 1 && tracked.has(jobId)) {
          tracked.delete(jobId);
          t.sink.close();
          await cmd.del(streamKey(jobId));
          t.ok(cancelled(req, dir));
          return;
        }
        // The worker polls the flag, cancels at a checkpoint and ends the job (the flag goes with it).
        if (tracked.has(jobId)) await cmd.set(cancelKey(jobId), '1', 'EX', 86_400);
      })().catch((err: unknown) => log(`cancel ${data.label}: ${errorText(err, target)}`));
    };
    return { runId: folder, dir, cancel, done };
  };

  return {
    start: (input: RunRequestInput, hooks) => {
      const req = runRequestSchema.parse(input);
      if (!req.outDir) throw new Error('a cluster run needs its outDir (the sweep gives one)');
      return launch(req, path.resolve(req.outDir), hooks);
    },
    resume: (dir, hooks) => {
      const abs = path.resolve(dir);
      const config = readRunConfig(abs);
      const target = readSummary(abs)?.episodes ?? config.request.episodes;
      return launch({ ...config.request, episodes: target, outDir: abs }, abs, hooks);
    },
    async close() {
      closed = true;
      wake?.();
      reader.disconnect();
      await looping.catch(() => {});
      await queue.close();
      cmd.disconnect();
    },
  };
}
