// Uniformly random legal actions (eq. 54 indices allowed by the masks), seeded: the floor any policy must beat.
import { z } from 'zod';
import type { ControllerFactory } from '../sim/controller';
import type { VecDnnStepInfo } from '../sim/vec-dnn/env';
import { parseHyper, requireVecDnnEnv } from './common';
import { CheckpointedRng } from './rng-checkpoint';
import { defineAlgorithm } from '../sim/algorithm-spec';

export const randomFactory: ControllerFactory<number, VecDnnStepInfo> = async (env, { seed, hyper }) => {
  parseHyper(z.strictObject({}), hyper, 'random');
  requireVecDnnEnv(env, 'random');
  const rng = new CheckpointedRng('random', seed);
  return {
    name: 'random',
    act: (obs) => {
      if (!obs.masks) throw new Error('random: the vec-dnn observation carries no action masks');
      return obs.masks.map((mask) => {
        const legal: number[] = [];
        mask.forEach((m, a) => {
          if (m) legal.push(a);
        });
        return legal[rng.current.int(legal.length)];
      });
    },
    save: (dir) => rng.save(dir),
    load: (dir) => rng.load(dir),
  };
};

export const randomSpec = defineAlgorithm({ name: 'random', env: 'vec-dnn', kind: 'heuristic', label: 'Random', load: async () => randomFactory });
