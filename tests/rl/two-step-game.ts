// The two-step cooperative matrix game of the QMIX paper (Rashid et al., 2018, Sec. 6.1): in the first
// step agent 0's action picks matrix 2A (every joint action pays 7) or 2B ([[0, 1], [1, 8]]); the second
// step pays the chosen matrix's entry. Under uniform exploration, independent learners and additive
// mixing value 2B below 7 and settle for 7; QMIX represents 2B's payoff and reaches 8.
import type { EnvObservation, MultiAgentEnv, StepResult } from '../../src-main/sim/env';

export interface TwoStepInfo {
  state: number;
  reward: number;
}

const PAYOFF_2B = [
  [0, 1],
  [1, 8],
];

export class TwoStepGame implements MultiAgentEnv<number, TwoStepInfo> {
  readonly spec = {
    // The env interface names the two papers' environments; this test game borrows the first id.
    envId: 'vec-dnn' as const,
    nAgents: 2,
    obsDims: [3, 3],
    stateDim: 3,
    actionSpaces: [
      { kind: 'discrete' as const, n: 2 },
      { kind: 'discrete' as const, n: 2 },
    ],
    episodeLength: 2,
  };
  /** 0: first step, 1: matrix 2A, 2: matrix 2B. */
  state = 0;

  private observe(): EnvObservation {
    const oneHot = new Float32Array(3);
    oneHot[this.state] = 1;
    return { obs: [oneHot.slice(), oneHot.slice()], state: oneHot.slice(), masks: [Uint8Array.of(1, 1), Uint8Array.of(1, 1)] };
  }

  reset(): EnvObservation {
    this.state = 0;
    return this.observe();
  }

  step(actions: number[]): StepResult<TwoStepInfo> {
    if (this.state === 0) {
      this.state = actions[0] === 0 ? 1 : 2;
      return { ...this.observe(), reward: 0, done: false, info: { state: 0, reward: 0 } };
    }
    const reward = this.state === 1 ? 7 : PAYOFF_2B[actions[0]][actions[1]];
    const info = { state: this.state, reward };
    return { ...this.observe(), reward, done: true, info };
  }

  slotMetrics(info: TwoStepInfo) {
    return { reward: info.reward };
  }
}
