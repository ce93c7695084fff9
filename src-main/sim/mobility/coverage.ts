// Paper 1 keeps every vehicle inside the RSU's coverage for the whole episode (Sec. 8.1, journal version):
// the V2I rate (eq. 1, path loss over dis_i^rsu(t)) and the RSU as edge node j = 1 assume it. Both mobility sources
// run their positions through this check instead of silently producing vehicles the RSU cannot serve.
import { FieldError } from '../../../src-shared/errors';
import type { VehiclePath } from './trace';

export interface RsuCoverage {
  x: number;
  y: number;
  coverageRadiusM: number;
}

export interface CoverageExit {
  id: string;
  /** One-based slot t at which the vehicle is first outside the coverage disc. */
  slot: number;
  x: number;
  y: number;
  distanceM: number;
}

/** The earliest slot (ties: first path in order) at which a vehicle is outside the RSU's coverage disc, or null. */
export function findCoverageExit(paths: readonly VehiclePath[], rsu: RsuCoverage): CoverageExit | null {
  let first: CoverageExit | null = null;
  for (const path of paths) {
    const n = Math.min(path.x.length, path.y.length);
    const limit = first === null ? n : Math.min(n, first.slot - 1);
    for (let k = 0; k < limit; k++) {
      // Euclidean vehicle-RSU distance dis_i^rsu(t) of the path loss in eq. (1).
      const distanceM = Math.hypot(path.x[k] - rsu.x, path.y[k] - rsu.y);
      if (!(distanceM <= rsu.coverageRadiusM)) {
        first = { id: path.id, slot: k + 1, x: path.x[k], y: path.y[k], distanceM };
        break;
      }
    }
  }
  return first;
}

/**
 * Throws a FieldError on rsu.coverageRadiusM when some vehicle leaves the coverage disc. `describe` turns the offending path id into
 * words, `remedy` names the scenario fields that would fix it.
 */
export function assertWithinCoverage(
  paths: readonly VehiclePath[],
  rsu: RsuCoverage,
  remedy: string,
  describe: (id: string) => string = (id) => `vehicle '${id}'`,
): void {
  const exit = findCoverageExit(paths, rsu);
  if (exit === null) return;
  throw new FieldError(
    'rsu.coverageRadiusM',
    `${describe(exit.id)} is outside the RSU coverage at slot ${exit.slot}: position ` +
      `(${fmt(exit.x)}, ${fmt(exit.y)}) m is ${fmt(exit.distanceM)} m from the RSU at (${fmt(rsu.x)}, ${fmt(rsu.y)}) m, ` +
      `rsu.coverageRadiusM = ${fmt(rsu.coverageRadiusM)}. The paper keeps all vehicles inside the coverage for the ` +
      `whole episode; ${remedy}.`,
  );
}

function fmt(v: number): string {
  return Number.isFinite(v) ? String(Math.round(v * 100) / 100) : String(v);
}
