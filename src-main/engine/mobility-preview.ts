// scenario.preview: vehicle positions of one episode for the road/vehicle preview (scrubbed by slot).
// Checked as a run checks it (scenario-resources.ts), except the coverage: reported as a warning here instead of
// an error, so the user sees where a vehicle leaves it.
import type { MobilityPreview } from '../../src-shared/api/scenarios';
import type { EnvId } from '../../src-shared/schemas/run';
import { UserError } from '../../src-shared/errors';
import { parseScenario } from '../experiments/scenarios';
import { findCoverageExit } from '../sim/mobility/coverage';
import { Random } from '../sim/random';
import { resolveVecDnnResources } from '../sim/vec-dnn/scenario-resources';

export async function previewMobility(
  env: EnvId,
  raw: unknown,
  episodeSeed: number,
  baseDir: string,
  traceRoots?: readonly string[],
): Promise<MobilityPreview> {
  if (env !== 'vec-dnn') throw new UserError(`the road preview is available for vec-dnn scenarios; got '${env}'`);
  const s = parseScenario(env, raw);
  // The checks of a run (models, trace file) with the same messages; only the coverage is left to the warning.
  const source = (await resolveVecDnnResources(s, { baseDir, traceRoots, coverage: false })).mobility;
  const trace = source.episode(Random.fromSeed(episodeSeed));
  const rsu = { x: s.rsu.x, y: s.rsu.y, coverageRadiusM: s.rsu.coverageRadiusM };
  const exit = findCoverageExit([...trace.cvs, ...trace.svs], rsu);
  return {
    description: source.description,
    slots: trace.slots,
    slotDurationS: s.slotDurationS,
    rsu,
    v2vRadiusM: s.v2vRadiusM,
    vehicles: [
      ...trace.cvs.map((p) => ({ id: p.id, role: 'cv' as const, x: Array.from(p.x), y: Array.from(p.y) })),
      ...trace.svs.map((p) => ({ id: p.id, role: 'sv' as const, x: Array.from(p.x), y: Array.from(p.y) })),
    ],
    warning: exit
      ? `${exit.id} leaves the RSU coverage at slot ${exit.slot} (${Math.round(exit.distanceM)} m from the RSU, radius ${s.rsu.coverageRadiusM} m)`
      : null,
  };
}
