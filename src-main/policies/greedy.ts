// The greedy benchmark of Sec. 8.2: each CV cuts its DNN where the transmitted data D_phi (eq. 3) is smallest,
// then offloads to the reachable edge node with the shortest task queue. Readings (docs/model-notes.md):
// - phi ranges over 1..L: all-local (phi = L+1, nothing sent) would always "transmit least", and the paper's
//   greedy is an offloading rule; ties in D_phi go to the earliest cut (least local work).
// - "Shortest queue" compares Q_k^rsu of the CV's own model type (the RSU queue the task would join) with Q_j^veh
//   of the SVs within the V2V radius, at the start of the slot (each CV decides independently); ties go to the
//   RSU, then to the lowest SV number.
import { z } from 'zod';
import type { ControllerFactory } from '../experiments/controller';
import type { CvDecision } from '../sim/vec-dnn/actions';
import type { VecDnnStepInfo } from '../sim/vec-dnn/env';
import type { VecDnnParams, VecDnnSlotState } from '../sim/vec-dnn/slot';
import { parseHyper, requireVecDnnEnv, toActions } from './common';

/** The cut phi in 1..L with the smallest D_phi (earliest on ties). */
export function smallestTransferCut(units: readonly { inputBytes: number }[]): number {
  let best = 1;
  for (let phi = 2; phi <= units.length; phi++) if (units[phi - 1].inputBytes < units[best - 1].inputBytes) best = phi;
  return best;
}

export function greedyDecisions(p: VecDnnParams, state: VecDnnSlotState): CvDecision[] {
  return state.cvs.map((cv) => {
    const phi = smallestTransferCut(p.profiles[cv.modelType].units);
    let target = 0;
    let shortest = state.rsuQueueOps[cv.modelType];
    state.svs.forEach((sv, j) => {
      if (cv.distSvM[j] <= p.v2vRadiusM && sv.queueOps < shortest) {
        shortest = sv.queueOps;
        target = j + 1;
      }
    });
    return { phi, target };
  });
}

export const greedyFactory: ControllerFactory<number, VecDnnStepInfo> = async (env, { hyper }) => {
  parseHyper(z.strictObject({}), hyper, 'greedy');
  const e = requireVecDnnEnv(env, 'greedy');
  return {
    name: 'greedy',
    act: () => toActions(greedyDecisions(e.params, e.currentSlot().state), e.edgeNodes),
  };
};
