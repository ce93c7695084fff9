// Ly-MATD3 (Sec. VII-B 2): the deterministic multi-agent learner of maddpg.ts with TD3's three changes:
// twin critics with the clipped double-Q target, target policy smoothing (noise 0.2 clipped at 0.5), and
// actor/target updates once per `policyDelay` (2) critic updates.
import type { MultiAgentEnv } from '../../sim/env';
import type { Matd3Hyper } from './hyper';
import { DeterministicPgLearner, matd3Options } from './maddpg';

export function createMatd3(name: string, env: MultiAgentEnv<Float32Array, unknown>, seed: number, hyper: Matd3Hyper): DeterministicPgLearner {
  return new DeterministicPgLearner(name, env, seed, matd3Options(hyper));
}
