// The engine's queue of runs: at most `concurrency` execute at once (each in its own worker), the rest wait.
// Every change is published as events: jobs.changed (coalesced), job.progress and run.records.
import type { ApiEvent } from '../../src-shared/api/contract';
import type { Job } from '../../src-shared/api/experiments';
import type { PlannedRun } from '../../src-shared/api/experiments';
import { isJobActive } from '../../src-shared/api/experiments';
import { NotFoundError } from '../../src-shared/api/dispatch';
import { UserError } from '../../src-shared/errors';
import type { EnvId, RunRequest, RunSummary } from '../../src-shared/schemas/run';
import type { RunExecution, RunExecutor } from './executor';
import type { ControlAction, RunTask } from './worker-protocol';

interface Entry {
  job: Job;
  task: RunTask;
  execution: RunExecution | null;
  /** A queued job the user paused: it keeps its place but does not start until resumed. */
  held: boolean;
  finished: Promise<void>;
  markFinished: () => void;
}

export interface JobQueueOptions {
  executor: RunExecutor;
  concurrency: number;
  emit(event: ApiEvent): void;
  /** Delay that coalesces jobs.changed events (ms). */
  changedDelayMs?: number;
}

let counter = 0;
const nextId = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}`;

export class JobQueue {
  private readonly entries = new Map<string, Entry>();
  private changedTimer: ReturnType<typeof setTimeout> | null = null;
  private closing = false;

  constructor(private readonly opts: JobQueueOptions) {
    if (!Number.isInteger(opts.concurrency) || opts.concurrency < 1) {
      throw new RangeError(`concurrency must be an integer >= 1, got ${opts.concurrency}`);
    }
  }

  list(): Job[] {
    return [...this.entries.values()].map((e) => structuredClone(e.job));
  }

  get(jobId: string): Job {
    return structuredClone(this.entry(jobId).job);
  }

  /** Run ids of runs being executed (running or paused) right now. */
  liveRunIds(): Set<string> {
    const ids = new Set<string>();
    for (const e of this.entries.values()) {
      if (e.job.runId && (e.job.state === 'running' || e.job.state === 'paused' || (e.job.state === 'queued' && e.execution !== null))) ids.add(e.job.runId);
    }
    return ids;
  }

  enqueue(experimentId: string, planned: PlannedRun[], requestFor: (p: PlannedRun) => RunRequest): Job[] {
    if (this.closing) throw new UserError('the engine is shutting down');
    const jobs = planned.map((p) =>
      this.add(
        {
          jobId: nextId('job'),
          experimentId,
          label: p.label,
          group: p.group,
          env: (p.request.env ?? 'vec-dnn') as EnvId,
          algo: p.request.algo,
          seed: p.request.seed ?? 1,
          sweepValues: p.sweepValues as Record<string, number>,
          state: 'queued',
          runId: null,
          progress: null,
          summary: null,
          error: null,
          queuedAt: new Date().toISOString(),
        },
        { kind: 'start', request: requestFor(p) },
      ),
    );
    this.pump();
    return jobs;
  }

  /** Queues the continuation of an existing run folder. */
  enqueueResume(dir: string, summary: RunSummary, group: string, episodes?: number): Job {
    if (this.closing) throw new UserError('the engine is shutting down');
    for (const e of this.entries.values()) {
      if (e.job.runId === summary.runId && isJobActive(e.job.state)) throw new UserError(`run ${summary.runId} is already active`);
    }
    const job = this.add(
      {
        jobId: nextId('job'),
        experimentId: nextId('resume'),
        label: `${summary.algo} seed ${summary.seed} (resumed)`,
        group,
        env: summary.env,
        algo: summary.algo,
        seed: summary.seed,
        sweepValues: {},
        state: 'queued',
        runId: summary.runId,
        progress: null,
        summary,
        error: null,
        queuedAt: new Date().toISOString(),
      },
      { kind: 'resume', dir, episodes },
    );
    this.pump();
    return job;
  }

  control(jobId: string, action: ControlAction): Job {
    const e = this.entry(jobId);
    const { state } = e.job;
    if (!isJobActive(state)) throw new UserError(`job ${jobId} is ${state}; only queued, running or paused jobs can be controlled`);
    if (e.execution === null) {
      // Not started yet: pause holds it in the queue, resume releases it, cancel drops it.
      if (action === 'cancel') this.finish(e, 'cancelled', null);
      else {
        e.held = action === 'pause';
        e.job.state = e.held ? 'paused' : 'queued';
        this.changed();
        this.pump();
      }
    } else if (action === 'cancel') {
      e.execution.control('cancel');
    } else if (action === 'pause') {
      // A paused run holds no worker: the next queued run starts in its place.
      if (state === 'running' || state === 'starting') e.execution.control('pause');
      e.job.state = 'paused';
      e.held = true;
      this.changed();
      this.pump();
    } else if (state === 'paused') {
      // Resumed: it continues as soon as a worker is free (at once when one is), before runs that never started.
      e.held = false;
      e.job.state = 'queued';
      this.changed();
      this.pump();
    }
    return structuredClone(e.job);
  }

  /** Cancels everything: running runs stop at the next slot and checkpoint; after `graceMs` they are terminated. */
  async shutdown(graceMs = 10_000): Promise<void> {
    this.closing = true;
    const waits: Promise<void>[] = [];
    for (const e of this.entries.values()) {
      if (!isJobActive(e.job.state)) continue;
      if (e.execution === null) {
        this.finish(e, 'cancelled', null);
        continue;
      }
      const execution = e.execution;
      execution.control('cancel');
      waits.push(
        Promise.race([e.finished, new Promise<void>((r) => setTimeout(r, graceMs).unref?.())]).then(() => execution.terminate()),
      );
    }
    await Promise.all(waits);
    if (this.changedTimer) clearTimeout(this.changedTimer);
    this.changedTimer = null;
  }

  /** Resolves when the job reached a final state (tests, shutdown). */
  whenFinished(jobId: string): Promise<void> {
    return this.entry(jobId).finished;
  }

  private entry(jobId: string): Entry {
    const e = this.entries.get(jobId);
    if (!e) throw new NotFoundError(`no job ${jobId}`);
    return e;
  }

  private add(job: Job, task: RunTask): Job {
    let markFinished = () => {};
    const finished = new Promise<void>((resolve) => (markFinished = resolve));
    this.entries.set(job.jobId, { job, task, execution: null, held: false, finished, markFinished });
    this.changed();
    return structuredClone(job);
  }

  /** Runs holding a worker: started and neither paused nor waiting to continue. */
  private running(): number {
    let n = 0;
    for (const e of this.entries.values()) if (e.execution !== null && (e.job.state === 'running' || e.job.state === 'starting')) n++;
    return n;
  }

  private pump(): void {
    if (this.closing) return;
    const waiting = [...this.entries.values()].filter((e) => e.job.state === 'queued' && !e.held);
    // Paused runs the user resumed go first (they already hold a run folder and a model), then new ones.
    waiting.sort((a, b) => Number(b.execution !== null) - Number(a.execution !== null));
    for (const e of waiting) {
      if (this.running() >= this.opts.concurrency) return;
      if (e.execution === null) this.launch(e);
      else {
        e.execution.control('resume');
        e.job.state = 'running';
        this.changed();
      }
    }
  }

  private launch(e: Entry): void {
    e.job.state = 'starting';
    this.changed();
    e.execution = this.opts.executor.start(e.task, {
      started: (runId) => {
        e.job.runId = runId;
        if (e.job.state === 'starting') e.job.state = 'running';
        this.changed();
      },
      records: (records) => {
        if (e.job.runId) this.opts.emit({ event: 'run.records', payload: { jobId: e.job.jobId, runId: e.job.runId, records } });
      },
      progress: (progress) => {
        e.job.progress = progress;
        e.job.runId ??= progress.runId;
        this.opts.emit({ event: 'job.progress', payload: { jobId: e.job.jobId, runId: progress.runId, progress } });
      },
      summary: (summary) => {
        e.job.summary = summary;
        e.job.runId ??= summary.runId;
        // The queue decides running/paused/waiting; a summary only ends 'starting'.
        if (e.job.state === 'starting' && summary.status === 'running') e.job.state = 'running';
        this.changed();
      },
      done: (summary) => {
        e.job.summary = summary;
        e.job.runId ??= summary.runId;
        this.finish(e, summary.status, summary.error);
      },
      failed: (message) => this.finish(e, 'failed', message),
    });
  }

  private finish(e: Entry, state: Job['state'], error: string | null): void {
    e.job.state = state;
    e.job.error = error;
    e.markFinished();
    this.changed();
    // Free the slot on the next tick, after the executor's own bookkeeping.
    setImmediate(() => this.pump());
  }

  private changed(): void {
    if (this.changedTimer) return;
    this.changedTimer = setTimeout(() => {
      this.changedTimer = null;
      this.opts.emit({ event: 'jobs.changed', payload: { jobs: this.list() } });
    }, this.opts.changedDelayMs ?? 100);
  }
}
