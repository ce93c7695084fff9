// The scalar hyper-parameter defaults of an algorithm, from the zod schema of its AlgorithmSpec: what the UI's
// form starts from (algorithms.list) and what a reproduction report compares a run's settings with.
import type { z } from 'zod';
import type { EnvId } from '../../src-shared/schemas/run';
import { listAlgorithms } from './algorithms';

export type PlainValue = number | string | boolean;

/** Keys fixed by the algorithm's identity (Ly-DTMPPO vs Ly-MAPPO differ only in digitalTwin). */
export const fixedHyperKeys: ReadonlySet<string> = new Set(['digitalTwin']);

/** Scalar defaults (numbers, strings, booleans); list-valued ones such as layer widths keep their default. */
export function plainHyperDefaults(schema: z.ZodType | undefined): Record<string, PlainValue> {
  if (!schema) return {};
  const defaults = schema.parse({});
  const out: Record<string, PlainValue> = {};
  if (defaults === null || typeof defaults !== 'object') return out;
  for (const [k, v] of Object.entries(defaults)) {
    if (fixedHyperKeys.has(k)) continue;
    if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') out[k] = v;
  }
  return out;
}

/** Defaults of every algorithm of `env`, by name. */
export function hyperDefaultsByAlgorithm(env: EnvId): Map<string, Record<string, PlainValue>> {
  return new Map(listAlgorithms(env).map((a) => [a.name, plainHyperDefaults(a.hyperSchema)]));
}
