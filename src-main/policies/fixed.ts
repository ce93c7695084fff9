// Two fixed reference policies for paper 1: every CV runs its whole DNN locally (phi = L+1), or sends its raw
// input to the RSU (phi = 1, target 0). The RSU CPU split is still the KKT one (Sec. 8.2).
import { z } from 'zod';
import type { ControllerFactory } from '../sim/controller';
import type { VecDnnStepInfo } from '../sim/vec-dnn/env';
import { parseHyper, requireVecDnnEnv, toActions } from './common';
import { defineAlgorithm } from '../sim/algorithm-spec';

const noHyper = z.strictObject({});

export const allLocalFactory: ControllerFactory<number, VecDnnStepInfo> = async (env, { hyper }) => {
  parseHyper(noHyper, hyper, 'all-local');
  const e = requireVecDnnEnv(env, 'all-local');
  const actions = toActions(e.cvModelTypes.map((_, i) => ({ phi: e.units(i) + 1, target: 0 })), e.edgeNodes);
  return { name: 'all-local', act: () => [...actions] };
};

export const allRsuFactory: ControllerFactory<number, VecDnnStepInfo> = async (env, { hyper }) => {
  parseHyper(noHyper, hyper, 'all-rsu');
  const e = requireVecDnnEnv(env, 'all-rsu');
  const actions = toActions(e.cvModelTypes.map(() => ({ phi: 1, target: 0 })), e.edgeNodes);
  return { name: 'all-rsu', act: () => [...actions] };
};

export const allLocalSpec = defineAlgorithm({ name: 'all-local', env: 'vec-dnn', kind: 'heuristic', label: 'All local', load: async () => allLocalFactory });
export const allRsuSpec = defineAlgorithm({ name: 'all-rsu', env: 'vec-dnn', kind: 'heuristic', label: 'All to RSU', load: async () => allRsuFactory });
