// Tiny environments and random slot states for the paper-1 heuristics.
import { Random } from '../../src-main/sim/random';
import { createVecDnnEnv } from '../../src-main/sim/vec-dnn/create-env';
import type { VecDnnSlotState } from '../../src-main/sim/vec-dnn/slot';
import { customModels, fixedMobility } from '../sim/vec-dnn/fixtures';

/** 2 CVs (Mini L = 2, Micro L = 1), 2 SVs, 3 slots; SV 1 is out of CV 0's V2V range until slot 3. */
export function tinyEnv() {
  return createVecDnnEnv(
    {
      slots: 3,
      cvs: { count: 2, modelMix: ['Mini', 'Micro'], cpuHz: { min: 1e6, max: 2e6 } },
      svs: { count: 2, cpuHz: { min: 3e6, max: 4e6 } },
      rsu: { cpuHz: 5e6 },
      workloadUnitOps: 1e6,
      customModels,
    },
    { mobility: fixedMobility([[0, 10, 20], [50, 50, 50]], [[1000, 500, 100], [30, 30, 30]]) },
  );
}

/** A random 2-CV state over the hand profiles (types 0 = Tiny, 1 = Small) with nSv SVs, some out of range. */
export function randomState(rng: Random, nSv: number): VecDnnSlotState {
  const gops = () => (rng.uniform() < 0.3 ? 0 : rng.uniformIn(0, 10) * 1e9);
  return {
    cvs: Array.from({ length: 2 }, () => ({
      modelType: rng.int(2),
      cpuHz: rng.uniformIn(1, 4) * 1e9,
      queueOps: gops(),
      distRsuM: rng.uniformIn(10, 500),
      distSvM: Array.from({ length: nSv }, () => rng.uniformIn(5, 250)),
      fadingRsu: rng.exponential(),
      fadingSv: Array.from({ length: nSv }, () => rng.exponential()),
    })),
    svs: Array.from({ length: nSv }, () => ({ cpuHz: rng.uniformIn(2, 8) * 1e9, queueOps: gops() })),
    rsuQueueOps: [gops(), gops()],
  };
}
