// Random inputs of each slot: the task Psi_i of eq. (4) and the small-scale fading |h|^2 of eq. (1).
import type { Random } from '../random';
import type { IsacDtScenario } from '../../../src-shared/schemas/isac-dt-scenario';
import type { IsacTask } from './types';

const draw = (rng: Random, r: { min: number; max: number }) => (r.min === r.max ? r.min : rng.uniformIn(r.min, r.max));

export function drawTask(s: IsacDtScenario, rng: Random): IsacTask {
  const t = s.tasks;
  return {
    dataBits: draw(rng, t.dataBits),
    instructionBits: draw(rng, t.instructionBits),
    cyclesPerBit: draw(rng, t.cyclesPerBit),
    coTransformCyclesPerBit: draw(rng, t.coTransformCyclesPerBit),
    maxDelayS: draw(rng, t.maxDelayS),
  };
}

/** |h_{i,k}|^2 for one CV: Exp(1) for h ~ CN(0, 1), or 1 without fading. */
export function drawFading(s: IsacDtScenario, nRsus: number, rng: Random): number[] {
  return Array.from({ length: nRsus }, () => (s.channel.fading === 'rayleigh' ? rng.exponential() : 1));
}

export function drawInitialQueue(r: { min: number; max: number }, rng: Random): number {
  return draw(rng, r);
}
