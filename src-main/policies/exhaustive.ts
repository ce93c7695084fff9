// Exhaustive search over all joint decisions of a slot: the exact minimiser of objective (32) (with the KKT RSU
// split for each candidate), an oracle for tiny instances. Each CV's all-local option is enumerated once.
import { z } from 'zod';
import { UserError } from '../../src-shared/errors';
import type { ControllerFactory } from '../sim/controller';
import type { CvDecision } from '../sim/vec-dnn/actions';
import type { VecDnnStepInfo } from '../sim/vec-dnn/env';
import { evaluateSlot, type VecDnnParams, type VecDnnSlotState } from '../sim/vec-dnn/slot';
import { distinctDecisions, parseHyper, requireVecDnnEnv, toActions } from './common';
import { defineAlgorithm } from '../sim/algorithm-spec';

export const exhaustiveHyperSchema = z.strictObject({
  /** Refuse slots with more joint decisions than this. */
  maxJointActions: z.number().int().min(1).max(1e9).default(200_000),
});

export interface ExhaustiveResult {
  decisions: CvDecision[];
  objective: number;
  evaluated: number;
}

/** The joint decision with the smallest objective (32); the first in enumeration order on ties. */
export function exhaustiveSearch(p: VecDnnParams, state: VecDnnSlotState, maxJointActions: number): ExhaustiveResult {
  const options = state.cvs.map((_, i) => distinctDecisions(p, state, i));
  const total = options.reduce((n, o) => n * o.length, 1);
  if (total > maxJointActions) {
    throw new UserError(
      `exhaustive: this slot has ${total} joint decisions (${options.map((o) => o.length).join(' x ')}), more than ` +
        `maxJointActions = ${maxJointActions}; use fewer CVs/SVs or smaller models, or raise --hyper maxJointActions=...`,
    );
  }
  const idx = new Array<number>(options.length).fill(0);
  let best: ExhaustiveResult = { decisions: [], objective: Infinity, evaluated: 0 };
  for (let n = 0; n < total; n++) {
    const decisions = idx.map((c, i) => options[i][c]);
    const objective = evaluateSlot(p, state, decisions).objective;
    if (objective < best.objective) best = { decisions, objective, evaluated: 0 };
    for (let i = idx.length - 1; i >= 0; i--) {
      if (++idx[i] < options[i].length) break;
      idx[i] = 0;
    }
  }
  return { ...best, evaluated: total };
}

export const exhaustiveFactory: ControllerFactory<number, VecDnnStepInfo> = async (env, { hyper }) => {
  const h = parseHyper(exhaustiveHyperSchema, hyper, 'exhaustive');
  const e = requireVecDnnEnv(env, 'exhaustive');
  // Refuse up front if some slot could exceed the limit (every SV in reach): a run never fails half-way.
  const worst = e.cvModelTypes.reduce((n, _, i) => n * (e.units(i) * e.edgeNodes + 1), 1);
  if (worst > h.maxJointActions) {
    throw new UserError(
      `exhaustive: up to ${worst} joint decisions per slot (${e.spec.nAgents} CVs, ${e.edgeNodes} edge nodes), more than ` +
        `maxJointActions = ${h.maxJointActions}; use fewer CVs/SVs or smaller models, or raise --hyper maxJointActions=...`,
    );
  }
  return {
    name: 'exhaustive',
    act: () => toActions(exhaustiveSearch(e.params, e.currentSlot().state, h.maxJointActions).decisions, e.edgeNodes),
  };
};

export const exhaustiveSpec = defineAlgorithm({
  name: 'exhaustive',
  env: 'vec-dnn',
  kind: 'heuristic',
  label: 'Exhaustive search (tiny instances)',
  load: async () => exhaustiveFactory,
});
