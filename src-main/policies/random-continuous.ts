// Uniform random continuous actions: the reference policy that paper 2's learners must beat.
import type { ActionSpace } from '../sim/env';
import { Random } from '../sim/random';
import type { ControllerFactory } from '../experiments/controller';

export const randomContinuousFactory: ControllerFactory<Float32Array, unknown> = async (env, { seed }) => {
  const rng = Random.fromSeed(seed);
  const spaces = env.spec.actionSpaces.map((space: ActionSpace) => {
    if (space.kind !== 'continuous') throw new RangeError('random-continuous needs continuous action spaces');
    return space;
  });
  return {
    name: 'random',
    act: () =>
      spaces.map((s) => {
        const a = new Float32Array(s.dim);
        for (let i = 0; i < s.dim; i++) a[i] = rng.uniformIn(s.low, s.high);
        return a;
      }),
  };
};
