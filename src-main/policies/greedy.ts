// The greedy benchmark of Sec. 8.2: each CV cuts its DNN where the transmitted data D_phi (eq. 3) is smallest,
// then offloads to the reachable edge node with the shortest task queue. Readings (docs/model-notes.md):
// - phi ranges over 1..L: all-local (phi = L+1, nothing sent) would always "transmit least", and the paper's
//   greedy is an offloading rule; ties in D_phi go to the earliest cut (least local work).
// - Cut rule (`cutRule`): 'printed' = the smallest-D_phi cut, whatever it leaves on the CV; 'feasible' = the
//   smallest-D_phi cut among those whose local work (units 1..phi-1, eq. 6) plus the CV's backlog Q_i^loc fits in
//   f_i tau, else phi = 1 (offload everything). The printed rule leaves most of VGG16 on a 4-6 GHz CV, whose queue
//   (eq. 8) then grows without bound; see docs/model-notes.md for the measured ratios.
// - "Shortest queue" compares Q_k^rsu of the CV's own model type (the RSU queue the task would join) with Q_j^veh
//   of the SVs within the V2V radius, at the start of the slot (each CV decides independently); ties go to the
//   RSU, then to the lowest SV number.
import { z } from 'zod';
import type { ControllerFactory } from '../sim/controller';
import type { CvDecision } from '../sim/vec-dnn/actions';
import type { VecDnnStepInfo } from '../sim/vec-dnn/env';
import type { VecDnnParams, VecDnnSlotState } from '../sim/vec-dnn/slot';
import { parseHyper, requireVecDnnEnv, toActions } from './common';
import { defineAlgorithm } from '../sim/algorithm-spec';

/**
 * The cut phi in 1..L with the smallest D_phi (earliest on ties), among the cuts `allowed` accepts (phi = 1
 * when it accepts none of them).
 */
export function smallestTransferCut(units: readonly { inputBytes: number }[], allowed: (phi: number) => boolean = () => true): number {
  let best = 0;
  for (let phi = 1; phi <= units.length; phi++) {
    if (!allowed(phi)) continue;
    if (best === 0 || units[phi - 1].inputBytes < units[best - 1].inputBytes) best = phi;
  }
  return best === 0 ? 1 : best;
}

export type GreedyCutRule = 'printed' | 'feasible';

export function greedyDecisions(p: VecDnnParams, state: VecDnnSlotState, cutRule: GreedyCutRule = 'printed'): CvDecision[] {
  return state.cvs.map((cv) => {
    const units = p.profiles[cv.modelType].units;
    // local work of cut phi: units 1..phi-1 (eq. 6 summed), next to what one slot serves, f_i tau (eq. 8)
    const localOps = (phi: number) => units.slice(0, phi - 1).reduce((s, u) => s + u.workloadOps, 0);
    const fits = (phi: number) => cv.queueOps + localOps(phi) <= cv.cpuHz * p.slotDurationS;
    const phi = smallestTransferCut(units, cutRule === 'feasible' ? fits : undefined);
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

export const greedyHyperSchema = z.strictObject({ cutRule: z.enum(['printed', 'feasible']).default('feasible') });

export const greedyFactory: ControllerFactory<number, VecDnnStepInfo> = async (env, { hyper }) => {
  const { cutRule } = parseHyper(greedyHyperSchema, hyper, 'greedy');
  const e = requireVecDnnEnv(env, 'greedy');
  return {
    name: 'greedy',
    act: () => toActions(greedyDecisions(e.params, e.currentSlot().state, cutRule), e.edgeNodes),
  };
};

export const greedySpec = defineAlgorithm({ name: 'greedy', env: 'vec-dnn', kind: 'heuristic', label: 'Greedy', load: async () => greedyFactory });
