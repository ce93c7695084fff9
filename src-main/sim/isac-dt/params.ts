// Quantities derived once from a validated paper-2 scenario (RSU layout, energy budget, capacities).
import type { IsacDtScenario } from '../../../src-shared/schemas/isac-dt-scenario';
import { rsuPositionsXM } from './channel';

export interface IsacParams {
  scenario: IsacDtScenario;
  nCvs: number;
  nRsus: number;
  rsuXM: number[];
  /** F^{rsu,max} - C^{twin}: the C6 bound on the CPU an RSU gives offloaded parts (Hz). */
  rsuAvailableCpuHz: number;
  /** E^{max} of C3/(27) (J per slot). */
  eMaxJ: number;
}

export function deriveParams(scenario: IsacDtScenario, nCvs = scenario.cvs.count): IsacParams {
  const r = scenario.rsus;
  return {
    scenario,
    nCvs,
    nRsus: r.count,
    rsuXM: rsuPositionsXM(r.count, r.spacingM, scenario.road.lengthM, r.positionsXM),
    rsuAvailableCpuHz: r.cpuHz - r.twinReserveHz,
    eMaxJ: nCvs * scenario.energy.eMaxPerCvJ,
  };
}
