// Built-in mobility of paper 1 (Sec. 3 / 8.1): a unidirectional multi-lane highway, all vehicles present from
// slot 1, no arrivals or departures, each vehicle at its own constant speed around 25 m/s.
// Road frame: x along the road in the driving direction (+x), y across it; lane i (0-based) has its centre
// at y = (i + 0.5) * laneWidthM.
import type { HighwayMobility } from '../../../src-shared/schemas/mobility';
import type { Random } from '../random';
import { assertWithinCoverage, type RsuCoverage } from './coverage';
import type { MobilitySource, MobilityTrace, VehiclePath } from './trace';

export interface HighwayOptions {
  slots: number;
  slotDurationS: number;
  cvCount: number;
  svCount: number;
}

/** What a vehicle draws once per episode. */
export interface HighwayVehicleDraw {
  startXM: number;
  lane: number;
  speedMps: number;
}

export function laneCentreYM(lane: number, laneWidthM: number): number {
  return (lane + 0.5) * laneWidthM;
}

/** The speed a N(mean, std) draw `z` (standard normal) gives after clipping to [minSpeedMps, maxSpeedMps]. */
export function clippedSpeedMps(cfg: HighwayMobility, z: number): number {
  const v = cfg.meanSpeedMps + cfg.speedStdMps * z;
  return Math.min(cfg.maxSpeedMps, Math.max(cfg.minSpeedMps, v));
}

/** Draw order per vehicle (fixed, so a seed reproduces an episode): start x, lane, speed. */
export function drawHighwayVehicle(cfg: HighwayMobility, rng: Random): HighwayVehicleDraw {
  const startXM = rng.uniformIn(0, cfg.startSpreadM);
  const lane = rng.int(cfg.lanes);
  const speedMps = clippedSpeedMps(cfg, rng.normal());
  return { startXM, lane, speedMps };
}

/** Constant-speed path: x_t = x_1 + v (t - 1) tau for t = 1..T, y fixed at the lane centre. */
export function highwayPath(
  id: string,
  draw: HighwayVehicleDraw,
  cfg: HighwayMobility,
  slots: number,
  slotDurationS: number,
): VehiclePath {
  const x = new Float64Array(slots);
  const y = new Float64Array(slots);
  const yLane = laneCentreYM(draw.lane, cfg.laneWidthM);
  for (let k = 0; k < slots; k++) {
    x[k] = draw.startXM + draw.speedMps * k * slotDurationS;
    y[k] = yLane;
  }
  return { id, x, y };
}

export function cvId(i: number): string {
  return `cv${i + 1}`;
}

export function svId(j: number): string {
  return `sv${j + 1}`;
}

/**
 * The speeds a vehicle can end up with: [min, max] after clipping, or the single clipped mean when the
 * spread is zero.
 */
export function reachableSpeedRangeMps(cfg: HighwayMobility): { lo: number; hi: number } {
  if (cfg.speedStdMps === 0) {
    const v = clippedSpeedMps(cfg, 0);
    return { lo: v, hi: v };
  }
  return { lo: cfg.minSpeedMps, hi: cfg.maxSpeedMps };
}

/**
 * Paths of the extreme vehicles (start 0 or startSpreadM, slowest or fastest speed, first or last lane).
 * x_t is affine in (start, speed) and the lane picks y, so at every slot any vehicle the highway can draw lies
 * in the convex hull of these paths; a convex region (the coverage disc) holding them holds every vehicle.
 */
export function highwayEnvelope(cfg: HighwayMobility, slots: number, slotDurationS: number): VehiclePath[] {
  const { lo, hi } = reachableSpeedRangeMps(cfg);
  const paths: VehiclePath[] = [];
  for (const lane of [0, cfg.lanes - 1]) {
    for (const startXM of [0, cfg.startSpreadM]) {
      for (const speedMps of [lo, hi]) {
        const id = `start ${startXM} m, ${speedMps} m/s, lane ${lane + 1} of ${cfg.lanes}`;
        paths.push(highwayPath(id, { startXM, lane, speedMps }, cfg, slots, slotDurationS));
      }
    }
  }
  return paths;
}

export const HIGHWAY_COVERAGE_REMEDY =
  'reduce mobility.startSpreadM, mobility.maxSpeedMps (or mobility.meanSpeedMps / mobility.speedStdMps), ' +
  'mobility.lanes / mobility.laneWidthM or slots x slotDurationS, or move the RSU (rsu.x, rsu.y) or enlarge ' +
  'rsu.coverageRadiusM';

/** Throws a UserError if any vehicle the configured highway can draw would leave the RSU coverage. */
export function checkHighwayCoverage(cfg: HighwayMobility, opts: HighwayOptions, rsu: RsuCoverage): void {
  assertWithinCoverage(
    highwayEnvelope(cfg, opts.slots, opts.slotDurationS),
    rsu,
    HIGHWAY_COVERAGE_REMEDY,
    (id) => `a highway vehicle (${id})`,
  );
}

export class HighwayMobilitySource implements MobilitySource {
  readonly description: string;

  constructor(
    private readonly cfg: HighwayMobility,
    private readonly opts: HighwayOptions,
  ) {
    this.description =
      `highway: ${cfg.lanes} lanes of ${cfg.laneWidthM} m, start spread ${cfg.startSpreadM} m, ` +
      `speed N(${cfg.meanSpeedMps}, ${cfg.speedStdMps}^2) m/s clipped to [${cfg.minSpeedMps}, ${cfg.maxSpeedMps}]`;
  }

  /** Fresh starts, lanes and speeds for every episode; CVs draw first, then SVs. */
  episode(rng: Random): MobilityTrace {
    const { slots, slotDurationS, cvCount, svCount } = this.opts;
    const cvs: VehiclePath[] = [];
    const svs: VehiclePath[] = [];
    for (let i = 0; i < cvCount; i++) {
      cvs.push(highwayPath(cvId(i), drawHighwayVehicle(this.cfg, rng), this.cfg, slots, slotDurationS));
    }
    for (let j = 0; j < svCount; j++) {
      svs.push(highwayPath(svId(j), drawHighwayVehicle(this.cfg, rng), this.cfg, slots, slotDurationS));
    }
    return { slots, cvs, svs };
  }
}
