// Uniform random continuous actions: the reference policy that paper 2's learners must beat.
import type { ActionSpace } from '../sim/env';
import { CheckpointedRng } from './rng-checkpoint';
import type { ControllerFactory } from '../sim/controller';
import { defineAlgorithm } from '../sim/algorithm-spec';

export const randomContinuousFactory: ControllerFactory<Float32Array, unknown> = async (env, { seed }) => {
  const rng = new CheckpointedRng('random-continuous', seed);
  const spaces = env.spec.actionSpaces.map((space: ActionSpace) => {
    if (space.kind !== 'continuous') throw new RangeError('random-continuous needs continuous action spaces');
    return space;
  });
  return {
    name: 'random',
    act: () =>
      spaces.map((s) => {
        const a = new Float32Array(s.dim);
        for (let i = 0; i < s.dim; i++) a[i] = rng.current.uniformIn(s.low, s.high);
        return a;
      }),
    save: (dir) => rng.save(dir),
    load: (dir) => rng.load(dir),
  };
};

export const randomContinuousSpec = defineAlgorithm({ name: 'random', env: 'isac-dt', kind: 'heuristic', label: 'Random', load: async () => randomContinuousFactory });
