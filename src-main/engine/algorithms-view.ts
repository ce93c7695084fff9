// algorithms.list: the registry's entries with the paper's hyper-parameter defaults (from each algorithm's own
// zod schema, so the form starts from exactly what a run would use), and hyper validation before queueing.
import type { z } from 'zod';
import type { AlgorithmInfoView } from '../../src-shared/api/contract';
import type { EnvId } from '../../src-shared/schemas/run';
import { safeParseDescribed, ValidationError } from '../../src-shared/validation';
import { listAlgorithms } from '../experiments/algorithms';
import { hyperFieldsOf } from './hyper-fields';
import { fixedRatioHyperSchema } from '../policies/fixed-ratio';
import { geneticHyperSchema } from '../policies/genetic';
import { mad2rlHyperSchema, pqmixHyperSchema } from '../rl/config';
import { maddpgHyperSchema, masacHyperSchema, matd3HyperSchema, ppoHyperSchema } from '../rl/continuous/hyper';

type Plain = number | string | boolean;

/** Hyper-parameter schemas by env and algorithm; algorithms without an entry take no hyper-parameters. */
export const hyperSchemas: Record<EnvId, Record<string, z.ZodType>> = {
  'vec-dnn': { mad2rl: mad2rlHyperSchema, pqmix: pqmixHyperSchema, genetic: geneticHyperSchema },
  'isac-dt': {
    'ly-dtmppo': ppoHyperSchema,
    'ly-mappo': ppoHyperSchema,
    'ly-maddpg': maddpgHyperSchema,
    'ly-matd3': matd3HyperSchema,
    'ly-masac': masacHyperSchema,
    'fixed-ratio': fixedRatioHyperSchema,
  },
};

/** Keys fixed by the algorithm's identity (Ly-DTMPPO vs Ly-MAPPO differ only in digitalTwin). */
const fixedKeys = new Set(['digitalTwin']);

/** Scalar defaults (numbers, strings, booleans); list-valued ones such as layer widths keep their default. */
function plainDefaults(schema: z.ZodType | undefined): Record<string, Plain> {
  if (!schema) return {};
  const defaults = schema.parse({}) as Record<string, unknown>;
  const out: Record<string, Plain> = {};
  for (const [k, v] of Object.entries(defaults)) {
    if (fixedKeys.has(k)) continue;
    if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') out[k] = v;
  }
  return out;
}

export function algorithmsFor(env: EnvId): AlgorithmInfoView[] {
  return listAlgorithms(env).map((a) => ({
    name: a.name,
    label: a.label,
    env: a.env,
    kind: a.kind,
    hyperDefaults: plainDefaults(hyperSchemas[env][a.name]),
    hyperFields: hyperFieldsOf(a.name, hyperSchemas[env][a.name], fixedKeys),
  }));
}

/** Validates an algorithm's hyper-parameters as the run would; issues are addressed `algos.<index>.hyper.<key>`. */
export function checkHyper(env: EnvId, algo: string, hyper: Record<string, unknown>, index: number): void {
  const schema = hyperSchemas[env][algo];
  if (!schema) {
    const keys = Object.keys(hyper);
    if (keys.length > 0) {
      throw new ValidationError(`hyper-parameters of ${algo}`, keys.map((k) => ({ path: `algos.${index}.hyper.${k}`, message: `${algo} takes no hyper-parameters` })));
    }
    return;
  }
  const parsed = safeParseDescribed(schema, hyper);
  if (!parsed.success) {
    throw new ValidationError(
      `hyper-parameters of ${algo}`,
      parsed.issues.map((i) => ({ path: `algos.${index}.hyper.${i.path}`, message: i.message })),
    );
  }
}
