// Workbench defaults that are readings: hyper-parameters whose default differs from what the paper prints,
// chosen by measurement and recorded in docs/model-notes.md. A reproduction report lists each one its runs use,
// so a reader sees every place where the defaults themselves depart from the printed paper.
import type { EnvId } from '../../src-shared/schemas/run';

export interface DefaultReading {
  env: EnvId;
  algos: readonly string[];
  key: string;
  /** What the paper prints (the option that keeps it). */
  printed: string;
}

export const defaultReadings: readonly DefaultReading[] = [
  { env: 'vec-dnn', algos: ['mad2rl', 'pqmix'], key: 'gamma', printed: '0.99 (Sec. 8.1)' },
  { env: 'vec-dnn', algos: ['mad2rl', 'pqmix'], key: 'doubleQ', printed: "false (eq. 59: the target's own max)" },
  { env: 'vec-dnn', algos: ['mad2rl'], key: 'qHead', printed: 'softmax (eq. 41)' },
  { env: 'vec-dnn', algos: ['mad2rl'], key: 'chainNoise', printed: 'fresh (eqs. 39-40)' },
];

/** The default readings that apply to `algo` of `env`. */
export function defaultReadingsOf(env: EnvId, algo: string): DefaultReading[] {
  return defaultReadings.filter((r) => r.env === env && r.algos.includes(algo));
}
