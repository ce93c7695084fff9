// algorithms.list: the registry's entries with the paper's hyper-parameter defaults (from each algorithm's own
// zod schema in its AlgorithmSpec, so the form starts from exactly what a run would use), and hyper validation before queueing.
import type { AlgorithmInfoView } from '../../src-shared/api/contract';
import type { EnvId } from '../../src-shared/schemas/run';
import { safeParseDescribed, ValidationError } from '../../src-shared/validation';
import { findAlgorithm, listAlgorithms } from '../experiments/algorithms';
import { fixedHyperKeys, plainHyperDefaults } from '../experiments/hyper-defaults';
import { hyperFieldsOf } from './hyper-fields';

export function algorithmsFor(env: EnvId): AlgorithmInfoView[] {
  return listAlgorithms(env).map((a) => ({
    name: a.name,
    label: a.label,
    env: a.env,
    kind: a.kind,
    hyperDefaults: plainHyperDefaults(a.hyperSchema),
    hyperFields: hyperFieldsOf(a.name, a.hyperSchema, fixedHyperKeys),
  }));
}

/** Validates an algorithm's hyper-parameters as the run would; issues are addressed `algos.<index>.hyper.<key>`. */
export function checkHyper(env: EnvId, algo: string, hyper: Record<string, unknown>, index: number): void {
  const schema = findAlgorithm(env, algo).hyperSchema;
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
