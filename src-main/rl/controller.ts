// Adapts the QMIX learner to the runner's Controller interface (src-main/sim/controller.ts).
import type { Controller, ControllerFactory } from '../sim/controller';
import type { EnvObservation, MultiAgentEnv, StepResult } from '../sim/env';
import { selectBackend } from './backend';
import { parseMad2rlHyper, parsePqmixHyper, type LearnerHyper } from './config';
import { QmixLearner, type Algo } from './learners/qmix-learner';

export class QmixController implements Controller<number, unknown> {
  constructor(
    readonly name: Algo,
    readonly learner: QmixLearner,
    /** Backend actually used and why (shown to the user, recorded with the run). */
    readonly backend: { name: string; reason: string },
  ) {}

  act(obs: EnvObservation, _env: MultiAgentEnv<number, unknown>, explore: boolean): Promise<number[]> {
    return this.learner.act(obs, explore);
  }

  observe(prev: EnvObservation, actions: number[], result: StepResult<unknown>): Promise<void> {
    return this.learner.observe(prev, actions, result);
  }

  endEpisode(): Record<string, number> {
    return { ...this.learner.endEpisode(), threads: this.learner.threads };
  }

  save(dir: string): Promise<void> {
    return this.learner.save(dir);
  }

  load(dir: string): Promise<void> {
    return this.learner.load(dir);
  }

  dispose(): void {
    void this.learner.dispose();
  }
}

function factory(algo: Algo, parse: (h: unknown) => LearnerHyper): ControllerFactory<number, unknown> {
  return async (env, options) => {
    const hyper = parse(options.hyper);
    const backend = await selectBackend(options.backend);
    const learner = await QmixLearner.create({ algo, spec: env.spec, hyper, seed: options.seed, backend: backend.name });
    return new QmixController(algo, learner, backend);
  };
}

export const learnerFactories: Record<Algo, ControllerFactory<number, unknown>> = {
  mad2rl: factory('mad2rl', parseMad2rlHyper),
  pqmix: factory('pqmix', parsePqmixHyper),
};
