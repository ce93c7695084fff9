// Builds the MobilitySource a scenario asks for (built-in highway or SUMO FCD trace) and refuses scenarios
// that would take a vehicle out of the RSU's coverage.
import { UserError } from '../../../src-shared/errors';
import type { MobilityConfig, SumoFcdMobility } from '../../../src-shared/schemas/mobility';
import { assertWithinCoverage, type RsuCoverage } from './coverage';
import { checkHighwayCoverage, HighwayMobilitySource } from './highway';
import { readFcdWindow } from './sumo-fcd';
import { confineTracePath } from './trace-confinement';
import type { MobilitySource, MobilityTrace, VehiclePath } from './trace';

export interface MobilitySourceOptions {
  /** T: slots per episode. */
  slots: number;
  /** tau in seconds. */
  slotDurationS: number;
  cvCount: number;
  svCount: number;
  /** Directory that relative trace paths are resolved against (the scenario file's folder). */
  baseDir: string;
  /** When given, the trace file must lie inside one of these folders (realpath checked). */
  traceRoots?: readonly string[];
  /** When given, every vehicle must stay within coverageRadiusM of (x, y) at every slot. */
  rsu?: RsuCoverage;
}

function checkOptions(opts: MobilitySourceOptions): void {
  const positiveInt = (v: number) => Number.isInteger(v) && v >= 1;
  if (!positiveInt(opts.slots)) throw new UserError(`slots must be an integer >= 1, got ${opts.slots}`);
  if (!(opts.slotDurationS > 0 && Number.isFinite(opts.slotDurationS))) {
    throw new UserError(`slotDurationS must be a positive number of seconds, got ${opts.slotDurationS}`);
  }
  if (!positiveInt(opts.cvCount)) throw new UserError(`cvs.count must be an integer >= 1, got ${opts.cvCount}`);
  if (!(Number.isInteger(opts.svCount) && opts.svCount >= 0)) {
    throw new UserError(`svs.count must be an integer >= 0, got ${opts.svCount}`);
  }
}

function copyPath(p: VehiclePath): VehiclePath {
  return { id: p.id, x: Float64Array.from(p.x), y: Float64Array.from(p.y) };
}

/** Replays one window of an FCD trace: every episode gets the same positions (fresh copies). */
class FcdTraceSource implements MobilitySource {
  constructor(
    readonly description: string,
    private readonly trace: MobilityTrace,
  ) {}

  episode(): MobilityTrace {
    return { slots: this.trace.slots, cvs: this.trace.cvs.map(copyPath), svs: this.trace.svs.map(copyPath) };
  }
}

export function resolveTracePath(file: string, baseDir: string, traceRoots?: readonly string[]): string {
  return confineTracePath(file, baseDir, traceRoots);
}

async function createFcdSource(config: SumoFcdMobility, opts: MobilitySourceOptions): Promise<MobilitySource> {
  const file = resolveTracePath(config.file, opts.baseDir, opts.traceRoots);
  const trace = await readFcdWindow({
    file,
    slots: opts.slots,
    slotDurationS: opts.slotDurationS,
    startTimeS: config.startTimeS,
    cvCount: opts.cvCount,
    svCount: opts.svCount,
    cvIds: config.cvIds,
    svIds: config.svIds,
  });
  if (opts.rsu) {
    const cvIds = trace.cvs.map((p) => p.id);
    assertWithinCoverage(
      [...trace.cvs, ...trace.svs],
      opts.rsu,
      'choose vehicles that stay near the RSU (mobility.cvIds, mobility.svIds), another window ' +
        '(mobility.startTimeS, slots) or move the RSU (rsu.x, rsu.y, in the trace coordinates) or enlarge rsu.coverageRadiusM',
      (id) => `SUMO vehicle '${id}' (${cvIds.includes(id) ? 'CV' : 'SV'}, trace time ` +
        `${config.startTimeS} s + (slot - 1) x ${opts.slotDurationS} s)`,
    );
  }
  const description =
    `SUMO FCD ${config.file}: ${opts.slots} slots from ${config.startTimeS} s, ` +
    `CVs ${trace.cvs.map((p) => p.id).join(', ')}; SVs ${trace.svs.map((p) => p.id).join(', ') || '(none)'}`;
  return new FcdTraceSource(description, trace);
}

export async function createMobilitySource(
  config: MobilityConfig,
  opts: MobilitySourceOptions,
): Promise<MobilitySource> {
  checkOptions(opts);
  switch (config.kind) {
    case 'highway': {
      if (config.minSpeedMps > config.maxSpeedMps) {
        throw new UserError(
          `mobility.minSpeedMps (${config.minSpeedMps}) must be <= mobility.maxSpeedMps (${config.maxSpeedMps})`,
        );
      }
      if (opts.rsu) checkHighwayCoverage(config, opts, opts.rsu);
      return new HighwayMobilitySource(config, opts);
    }
    case 'sumo-fcd':
      return createFcdSource(config, opts);
  }
}
