// A cluster worker (`vecwb worker`): takes runs from the BullMQ queue, `concurrency` at a time, each in its own
// run process (the local pool's executor), in the run's folder under the shared run root, so that any worker
// can resume any run from its last checkpoint. Everything the run reports goes to the run's Redis stream,
// which the coordinator reads into its own run folder. A worker killed mid-run stops renewing its job's lock;
// BullMQ's stalled-job check (run by the other workers) puts the job back in the queue and another worker
// resumes it. Stopped with SIGINT/SIGTERM, a worker cancels its runs at a checkpoint and puts them back at once.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker, WaitingError, UnrecoverableError, type Job } from 'bullmq';
import type { RunSummary } from '../../../src-shared/schemas/run';
import { isRunFolder, readRunConfig } from '../../experiments/run-folder';
import type { RunExecution, RunExecutor } from '../executor';
import type { RunTask } from '../worker-protocol';
import { withRunThreads } from '../sweep-pool/pool-launcher';
import { ProcessRunExecutor } from '../sweep-pool/process-executor';
import { AttemptRecords } from './attempt-records';
import { redisClient, errorText } from './connection';
import { cancelKey, QUEUE_NAME, runJobSchema, streamKey, type StreamEntry } from './protocol';
import type { RedisTarget } from './redis-url';

export interface ClusterTimings {
  /** How long a job's lock lasts without renewal: a killed worker's run is taken over after about this. */
  lockDurationMs: number;
  /** How often workers look for stalled jobs. */
  stalledIntervalMs: number;
  /** How often a job may stall (its worker lost) before it fails. */
  maxStalledCount: number;
}

export const defaultTimings: ClusterTimings = { lockDurationMs: 30_000, stalledIntervalMs: 15_000, maxStalledCount: 5 };

export interface ClusterWorkerOptions {
  target: RedisTarget;
  /** The shared run root every worker mounts (NFS, a cluster file system): runs and their checkpoints. */
  runRoot: string;
  concurrency: number;
  threadsPerRun: number;
  timings?: Partial<ClusterTimings>;
  executor?: RunExecutor;
  log(line: string): void;
}

export interface ClusterWorker {
  /** Cancels the live runs at a checkpoint, puts their jobs back in the queue, and closes the connections. */
  shutdown(): Promise<void>;
}

export async function startClusterWorker(opts: ClusterWorkerOptions): Promise<ClusterWorker> {
  const timings = { ...defaultTimings, ...opts.timings };
  const runRoot = path.resolve(opts.runRoot);
  fs.mkdirSync(runRoot, { recursive: true });
  const executor = opts.executor ?? new ProcessRunExecutor({ threadsPerRun: opts.threadsPerRun });
  const client = redisClient(opts.target);
  const me = `${os.hostname()}:${process.pid}`;
  const live = new Map<string, RunExecution>();
  let stopping = false;

  const processor = async (job: Job, token?: string): Promise<RunSummary> => {
    const parsed = runJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`invalid run job: ${parsed.error.issues[0]?.message ?? ''}`);
    const data = parsed.data;
    const jobId = job.id ?? '';
    const dir = path.resolve(runRoot, data.runDir);
    if (!dir.startsWith(runRoot + path.sep)) throw new UnrecoverableError('run folder outside the run root');
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    const resumed = isRunFolder(dir);
    const task: RunTask = resumed
      ? { kind: 'resume', dir, episodes: data.request.episodes }
      : { kind: 'start', request: withRunThreads({ ...data.request, outDir: dir }, opts.threadsPerRun) };

    // Stream entries go out in order; the job ends only after its last entry is written.
    let chain: Promise<unknown> = Promise.resolve();
    const push = (entry: StreamEntry) => {
      chain = chain.then(() => client.xadd(streamKey(jobId), '*', 'e', JSON.stringify(entry))).catch((err: unknown) => {
        opts.log(`stream of ${jobId}: ${errorText(err, opts.target)}`);
      });
    };
    // A resumed attempt first sends the lines its folder keeps: a killed worker may not have sent them all.
    const lines = new AttemptRecords(dir, resumed, (records) => push({ type: 'records', records }));
    const attempt = Math.max(1, job.attemptsStarted);
    push({ type: 'attempt', worker: me, attempt, resumed });
    opts.log(`${data.label}: ${resumed ? 'resuming from its last checkpoint' : 'starting'} (attempt ${attempt})`);

    const outcome = await new Promise<{ summary: RunSummary } | { error: string }>((resolve) => {
      const exec = executor.start(task, {
        started() {
          try {
            push({ type: 'config', config: readRunConfig(dir) });
          } catch (err) {
            opts.log(`${data.label}: config.json unreadable: ${err instanceof Error ? err.message : String(err)}`);
          }
          try {
            lines.started();
          } catch (err) {
            opts.log(`${data.label}: metrics.jsonl unreadable: ${err instanceof Error ? err.message : String(err)}`);
          }
        },
        records: (records) => lines.records(records),
        progress: (progress) => push({ type: 'progress', progress }),
        summary: (summary) => push({ type: 'summary', summary }),
        done: (summary) => resolve({ summary }),
        failed: (error) => resolve({ error }),
      });
      live.set(jobId, exec);
      if (stopping) exec.control('cancel');
    });
    live.delete(jobId);

    if (stopping && 'summary' in outcome && outcome.summary.status === 'cancelled') {
      // Shut down, not cancelled by the coordinator: back to the queue, resumed by whichever worker takes it.
      await chain;
      await job.moveToWait(token);
      opts.log(`${data.label}: checkpointed at episode ${outcome.summary.episodesDone}, back in the queue`);
      throw new WaitingError();
    }
    if ('error' in outcome) {
      push({ type: 'failed', message: outcome.error });
      await chain;
      opts.log(`${data.label}: failed: ${outcome.error}`);
      throw new UnrecoverableError(outcome.error);
    }
    push({ type: 'done', summary: outcome.summary });
    await chain;
    await client.del(cancelKey(jobId));
    opts.log(`${data.label}: ${outcome.summary.status} (${outcome.summary.episodesDone}/${outcome.summary.episodes} episodes)`);
    return outcome.summary;
  };
  // The coordinator asks for a cancel by setting the job's cancel flag.
  const poll = setInterval(() => {
    for (const [jobId, exec] of live) {
      client.exists(cancelKey(jobId)).then((n) => n > 0 && exec.control('cancel'), () => {});
    }
  }, 1000);

  const worker = new Worker(QUEUE_NAME, processor, {
    connection: opts.target.options,
    concurrency: opts.concurrency,
    lockDuration: timings.lockDurationMs,
    stalledInterval: timings.stalledIntervalMs,
    maxStalledCount: timings.maxStalledCount,
    removeOnComplete: { count: 0 },
    removeOnFail: { count: 1000 },
  });
  worker.on('error', (err) => opts.log(`queue: ${errorText(err, opts.target)}`));
  await worker.waitUntilReady();

  return {
    async shutdown() {
      stopping = true;
      worker.pause(true).catch(() => {});
      for (const exec of live.values()) exec.control('cancel');
      await worker.close();
      clearInterval(poll);
      client.disconnect();
    },
  };
}
