// Shared pieces of the paper-1 heuristics: access to the concrete environment, the distinct legal decisions of a
// CV, and hyper-parameter validation.
import type { z } from 'zod';
import { UserError } from '../../src-shared/errors';
import { parseWith } from '../../src-shared/validation';
import type { MultiAgentEnv } from '../sim/env';
import { encodeAction, type CvDecision } from '../sim/vec-dnn/actions';
import { VecDnnEnv, type VecDnnStepInfo } from '../sim/vec-dnn/env';
import type { VecDnnParams, VecDnnSlotState } from '../sim/vec-dnn/slot';

/** The heuristics read the full slot state (incl. fading) and evaluate candidates, so they need the real env. */
export function requireVecDnnEnv(env: MultiAgentEnv<number, VecDnnStepInfo>, policy: string): VecDnnEnv {
  if (!(env instanceof VecDnnEnv)) throw new UserError(`policy '${policy}' needs the vec-dnn environment, got '${env.spec.envId}'`);
  return env;
}

/**
 * The distinct legal decisions of CV i: every cut phi <= L with the RSU and each SV within the V2V radius, plus
 * all-local (phi = L+1) once, with target 0 (the (L+1) J action set lists all-local J times, all equivalent).
 */
export function distinctDecisions(p: VecDnnParams, state: VecDnnSlotState, i: number): CvDecision[] {
  const cv = state.cvs[i];
  const L = p.profiles[cv.modelType].units.length;
  const out: CvDecision[] = [];
  for (let phi = 1; phi <= L; phi++) {
    out.push({ phi, target: 0 });
    state.svs.forEach((_, j) => {
      if (cv.distSvM[j] <= p.v2vRadiusM) out.push({ phi, target: j + 1 });
    });
  }
  out.push({ phi: L + 1, target: 0 });
  return out;
}

/** Action indices (eq. 54) of decisions. */
export function toActions(decisions: readonly CvDecision[], edgeNodes: number): number[] {
  return decisions.map((d) => encodeAction(d, edgeNodes));
}

/** Validates a policy's hyper-parameters (unknown keys are errors, so typos do not pass silently). */
export function parseHyper<S extends z.ZodType>(schema: S, hyper: Record<string, unknown>, policy: string): z.output<S> {
  return parseWith(schema, hyper, `${policy} hyper-parameters`);
}
