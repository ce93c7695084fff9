// Which RSUs a CV may offload to in a slot: those whose coverage radius reaches it (3-D distance (2)),
// and under offloading.targets = 'nearest' only the nearest of them.
import { distance3dM } from './channel';
import type { IsacParams } from './params';

export function rsuDistancesM(p: IsacParams, cvXM: number, cvYM: number): number[] {
  const r = p.scenario.rsus;
  return p.rsuXM.map((x) => distance3dM(cvXM, cvYM, x, r.lateralOffsetM, r.heightM)); // eq. (2)
}

/** Eligible RSU indices in increasing index order; ties of the nearest go to the lower index. */
export function eligibleRsus(p: IsacParams, distancesM: readonly number[]): number[] {
  const radius = p.scenario.rsus.coverageRadiusM;
  const inCoverage = distancesM.map((d, k) => (d <= radius ? k : -1)).filter((k) => k >= 0);
  if (p.scenario.offloading.targets === 'all-in-coverage' || inCoverage.length === 0) return inCoverage;
  let best = inCoverage[0];
  for (const k of inCoverage) if (distancesM[k] < distancesM[best]) best = k;
  return [best];
}
