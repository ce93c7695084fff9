// CVs on the east-west road of paper 2 (Sec. VII-A 1)): drawn once per episode, driving east at constant speed.
import type { Random } from '../random';
import type { IsacDtScenario } from '../../../src-shared/schemas/isac-dt-scenario';
import { laneCentreYM } from './channel';

export interface CvBody {
  xM: number;
  lane: number;
  yM: number;
  speedMps: number;
  cpuHz: number;
}

/** A CV entering the road: uniform lane, speed and CPU; `xM` given, or uniform over the road. */
export function drawCvBody(s: IsacDtScenario, rng: Random, xM?: number): CvBody {
  const lane = rng.int(s.road.lanes);
  const x = xM ?? rng.uniformIn(0, s.road.lengthM);
  const speedMps = rng.uniformIn(s.cvs.speedMps.min, s.cvs.speedMps.max);
  const cpuHz = rng.uniformIn(s.cvs.cpuHz.min, s.cvs.cpuHz.max);
  return { xM: x, lane, yM: laneCentreYM(lane, s.road.lanes, s.road.laneWidthM), speedMps, cpuHz };
}

/**
 * Moves a CV by v * tau (x_i(t) = x_i + v t, Sec. III-C). Past the road end it wraps around (same CV re-enters
 * at x - L) or, under 'respawn', is replaced by a fresh CV entering at x = 0 (returns respawned = true).
 */
export function advanceCv(s: IsacDtScenario, body: CvBody, rng: Random): { body: CvBody; respawned: boolean } {
  const L = s.road.lengthM;
  const x = body.xM + body.speedMps * s.slotDurationS;
  if (x < L) return { body: { ...body, xM: x }, respawned: false };
  if (s.road.atRoadEnd === 'wrap') return { body: { ...body, xM: x % L }, respawned: false };
  return { body: drawCvBody(s, rng, 0), respawned: true };
}
