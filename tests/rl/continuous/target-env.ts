// A tiny cooperative continuous environment for the learner tests: each slot every agent sees a target
// vector t_i in [0.1, 0.9]^d and the team reward is -(1/N) sum_i ||a_i - t_i||^2 (so the optimum is 0, and a
// uniformly random action in [0, 1]^d scores -d (1/12 + 0.8^2/12) = -0.1367 d per slot in expectation).
// The last observation entry is a "digital-twin" feature (the team's mean target of dimension 0), named via
// digitalTwinFeatures() so the no-DT learners can be tested.
import type { EnvObservation, EnvSpec, MultiAgentEnv, StepResult } from '../../../src-main/sim/env';
import { Random } from '../../../src-main/sim/random';

export interface TargetInfo {
  slot: number;
  sqError: number;
}

export class TargetEnv implements MultiAgentEnv<Float32Array, TargetInfo> {
  readonly spec: EnvSpec;
  private rng = Random.fromSeed(0);
  private targets: Float32Array[] = [];
  private t = 0;

  constructor(
    readonly nAgents = 2,
    readonly dim = 2,
    readonly slots = 8,
  ) {
    this.spec = {
      envId: 'isac-dt',
      nAgents,
      obsDims: new Array<number>(nAgents).fill(dim + 1),
      stateDim: nAgents * (dim + 1) + 1,
      actionSpaces: new Array(nAgents).fill(0).map(() => ({ kind: 'continuous' as const, dim, low: 0, high: 1 })),
      episodeLength: slots,
    };
  }

  digitalTwinFeatures(): { obs: number[][]; state: number[] } {
    const obs = new Array(this.nAgents).fill(0).map(() => [this.dim]);
    const state = [...new Array(this.nAgents).fill(0).map((_, i) => i * (this.dim + 1) + this.dim), this.nAgents * (this.dim + 1)];
    return { obs, state };
  }

  private draw(): void {
    this.targets = new Array(this.nAgents).fill(0).map(() => {
      const v = new Float32Array(this.dim);
      for (let d = 0; d < this.dim; d++) v[d] = this.rng.uniformIn(0.1, 0.9);
      return v;
    });
  }

  private observation(): EnvObservation {
    let mean0 = 0;
    for (const t of this.targets) mean0 += t[0] / this.nAgents;
    const obs = this.targets.map((t) => {
      const o = new Float32Array(this.dim + 1);
      o.set(t);
      o[this.dim] = mean0;
      return o;
    });
    const state = new Float32Array(this.spec.stateDim);
    obs.forEach((o, i) => state.set(o, i * (this.dim + 1)));
    state[state.length - 1] = mean0;
    return { obs, state };
  }

  reset(seed: number): EnvObservation {
    this.rng = Random.fromSeed(seed);
    this.t = 0;
    this.draw();
    return this.observation();
  }

  step(actions: Float32Array[]): StepResult<TargetInfo> {
    let sq = 0;
    for (let i = 0; i < this.nAgents; i++) {
      for (let d = 0; d < this.dim; d++) sq += (actions[i][d] - this.targets[i][d]) ** 2;
    }
    sq /= this.nAgents;
    this.t++;
    this.draw();
    return { ...this.observation(), reward: -sq, done: this.t >= this.slots, info: { slot: this.t, sqError: sq } };
  }

  slotMetrics(info: TargetInfo) {
    return { reward: -info.sqError, sqError: info.sqError };
  }
}

/** Runs `episodes` episodes of `controller` on `env` (train or evaluate); returns each episode's summed reward. */
export async function runEpisodes(
  env: MultiAgentEnv<Float32Array, unknown>,
  controller: {
    act(o: EnvObservation, e: MultiAgentEnv<Float32Array, unknown>, explore: boolean): Float32Array[] | Promise<Float32Array[]>;
    observe?(p: EnvObservation, a: Float32Array[], r: StepResult<unknown>): void | Promise<void>;
    endEpisode?(ep: number): Record<string, number> | Promise<Record<string, number>>;
  },
  episodes: number,
  opts: { train: boolean; seedBase: number; onEpisode?: (ep: number, m: Record<string, number>) => void },
): Promise<number[]> {
  const totals: number[] = [];
  for (let ep = 1; ep <= episodes; ep++) {
    let obs = env.reset(opts.seedBase + ep);
    let total = 0;
    for (let s = 0; s < env.spec.episodeLength; s++) {
      const actions = await controller.act(obs, env, opts.train);
      const r = env.step(actions);
      if (opts.train) await controller.observe?.(obs, actions, r);
      total += r.reward;
      obs = r;
      if (r.done) break;
    }
    if (opts.train) {
      const m = (await controller.endEpisode?.(ep)) ?? {};
      opts.onEpisode?.(ep, m);
    }
    totals.push(total);
  }
  return totals;
}
