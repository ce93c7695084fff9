// A tiny deterministic environment for runner tests: one agent, two actions; reward = action - slot/10.
import type { EnvObservation, MultiAgentEnv, StepResult } from '../../src-main/sim/env';

export class CounterEnv implements MultiAgentEnv<number, { action: number; slot: number }> {
  readonly spec = {
    envId: 'vec-dnn' as const,
    nAgents: 1,
    obsDims: [1],
    stateDim: 1,
    actionSpaces: [{ kind: 'discrete' as const, n: 2 }],
    episodeLength: 3,
  };
  slot = 0;
  seeds: number[] = [];
  private obs(): EnvObservation {
    return { obs: [Float32Array.of(this.slot)], state: Float32Array.of(this.slot), masks: [Uint8Array.of(1, 1)] };
  }
  reset(seed: number): EnvObservation {
    this.seeds.push(seed);
    this.slot = 0;
    return this.obs();
  }
  step(actions: number[]): StepResult<{ action: number; slot: number }> {
    this.slot++;
    const info = { action: actions[0], slot: this.slot };
    return { ...this.obs(), reward: actions[0] - this.slot / 10, done: this.slot >= 3, info };
  }
  slotMetrics(info: { action: number; slot: number }) {
    return { reward: info.action - info.slot / 10, completionTimeMeanS: info.slot, queueCvGops: [info.slot, 2 * info.slot] };
  }
}
