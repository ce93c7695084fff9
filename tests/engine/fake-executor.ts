// Test executor: runs a tiny deterministic environment in this thread through the real runner (startRunWith),
// so the engine, job queue and run folders are exercised without the simulator or worker threads.
import type { RunExecution, RunExecutor, RunCallbacks } from '../../src-main/engine/executor';
import type { RunTask } from '../../src-main/engine/worker-protocol';
import { startRunWith, type RunHandle } from '../../src-main/experiments/runner';
import { defaultScenario, parseScenario } from '../../src-main/experiments/scenarios';
import type { EnvObservation, MultiAgentEnv, StepResult } from '../../src-main/sim/env';

interface Info {
  slot: number;
  seed: number;
}

/** CVs/SVs as many as the scenario says (default 2 and 1): reward = -(slot + seed)/10 per slot; queues grow with the slot. 3 slots per episode. */
export class ToyVecEnv implements MultiAgentEnv<number, Info> {
  readonly spec = {
    envId: 'vec-dnn' as const,
    nAgents: 2,
    obsDims: [1, 1],
    stateDim: 1,
    actionSpaces: [
      { kind: 'discrete' as const, n: 2 },
      { kind: 'discrete' as const, n: 2 },
    ],
    episodeLength: 3,
  };
  private slot = 0;
  constructor(
    private readonly seed: number,
    private readonly cvCount = 2,
    private readonly svCount = 1,
  ) {}
  private obs(): EnvObservation {
    return { obs: [Float32Array.of(this.slot), Float32Array.of(this.slot)], state: Float32Array.of(this.slot) };
  }
  reset(): EnvObservation {
    this.slot = 0;
    return this.obs();
  }
  step(): StepResult<Info> {
    this.slot++;
    return { ...this.obs(), reward: -(this.slot + this.seed) / 10, done: this.slot >= 3, info: { slot: this.slot, seed: this.seed } };
  }
  slotMetrics(info: Info) {
    return {
      reward: -(info.slot + info.seed) / 10,
      completionTimeSumS: info.slot,
      completionTimeMeanS: info.slot / 2,
      queueCvGops: Array.from({ length: this.cvCount }, (_, i) => (i + 1) * info.slot),
      queueDnnGops: [info.slot, 0, 1],
      queueSvGops: Array.from({ length: this.svCount }, (_, j) => (j + 3) * info.slot),
    };
  }
}

export interface FakeExecutorOptions {
  /** Milliseconds each act() waits (so tests can pause/cancel mid-run). */
  actDelayMs?: number;
}

export class FakeExecutor implements RunExecutor {
  readonly started: RunTask[] = [];
  constructor(private readonly opts: FakeExecutorOptions = {}) {}

  start(task: RunTask, cb: RunCallbacks): RunExecution {
    this.started.push(task);
    let handle: RunHandle | null = null;
    const queued: ('pause' | 'resume' | 'cancel')[] = [];
    const delay = this.opts.actDelayMs ?? 0;
    const apply = (a: 'pause' | 'resume' | 'cancel') => {
      if (!handle) return queued.push(a);
      if (a === 'pause') handle.pause();
      else if (a === 'resume') handle.resume();
      else handle.cancel();
    };
    void (async () => {
      if (task.kind !== 'start') {
        cb.failed('the fake executor only starts runs');
        return;
      }
      try {
        const controller = {
          name: 'toy',
          act: async () => {
            if (delay > 0) await new Promise((r) => setTimeout(r, delay));
            return [1, 0];
          },
        };
        const scenario = task.request.scenario === 'default' ? defaultScenario('vec-dnn') : parseScenario('vec-dnn', task.request.scenario);
        const env = new ToyVecEnv(task.request.seed, scenario.cvs.count, scenario.svs.count);
        handle = await startRunWith(env as never, controller as never, task.request, { ...scenario, slots: 3 } as Record<string, unknown>, {
          onRecord: (r) => cb.records([r]),
          onProgress: (p) => cb.progress(p),
          onSummary: (s) => cb.summary(s),
        });
        cb.started(handle.runId, handle.dir);
        for (const a of queued) apply(a);
        cb.done(await handle.done);
      } catch (err) {
        cb.failed(err instanceof Error ? err.message : String(err));
      }
    })();
    return {
      control: apply,
      async terminate() {
        handle?.cancel();
      },
    };
  }
}
