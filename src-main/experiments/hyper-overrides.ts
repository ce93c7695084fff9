// `--hyper` of `vecwb reproduce`: a reading laid over every run of a paper experiment. `key=value` goes to each
// algorithm of the experiment whose hyper-parameters have that key (e.g. `valueNorm=false` to the two PPO
// learners of p2-convergence, not to the heuristics); `algo:key=value` to that algorithm only. Values are JSON
// (plain strings otherwise), checked against each algorithm's zod schema before anything runs.
import { UserError } from '../../src-shared/errors';
import { hyperValue } from '../../src-shared/hyper-value';
import type { EnvId } from '../../src-shared/schemas/run';
import { findAlgorithm } from './algorithms';

/** Hyper-parameters per algorithm name. */
export type HyperByAlgorithm = Record<string, Record<string, unknown>>;

interface HyperPair {
  algo: string | null;
  key: string;
  value: unknown;
}

function parsePair(pair: string): HyperPair {
  const eq = pair.indexOf('=');
  if (eq <= 0) throw new UserError(`--hyper expects key=value or algo:key=value, got '${pair}'`);
  const lhs = pair.slice(0, eq);
  const value = hyperValue(pair.slice(eq + 1));
  const colon = lhs.indexOf(':');
  const algo = colon > 0 ? lhs.slice(0, colon) : null;
  const key = colon > 0 ? lhs.slice(colon + 1) : lhs;
  if (key.length === 0) throw new UserError(`--hyper '${pair}': the key is empty`);
  return { algo, key, value };
}

type KeyCheck = { known: false } | { known: true; error: string | null };

/** Whether `algo`'s schema has `key`, and what it says about `value`. */
function checkKey(env: EnvId, algo: string, key: string, value: unknown): KeyCheck {
  const schema = findAlgorithm(env, algo).hyperSchema;
  if (!schema) return { known: false };
  const r = schema.safeParse({ [key]: value });
  if (r.success) return { known: true, error: null };
  if (r.error.issues.some((i) => i.code === 'unrecognized_keys')) return { known: false };
  const issue = r.error.issues.find((i) => i.path[0] === key) ?? r.error.issues[0];
  return { known: true, error: issue.message };
}

/**
 * The `--hyper` pairs for an experiment of `env` running `algos`, per algorithm. A key no algorithm of the
 * experiment has, an algorithm the experiment does not run, or a value a schema rejects is a one-line error.
 */
export function hyperOverrides(env: EnvId, algos: readonly string[], pairs: readonly string[]): HyperByAlgorithm {
  const out: HyperByAlgorithm = {};
  for (const text of pairs) {
    const p = parsePair(text);
    if (p.algo !== null && !algos.includes(p.algo)) {
      throw new UserError(`--hyper '${text}': this experiment runs ${algos.join(', ')}, not '${p.algo}'`);
    }
    const targets = p.algo !== null ? [p.algo] : algos;
    let applied = 0;
    for (const algo of targets) {
      const c = checkKey(env, algo, p.key, p.value);
      if (!c.known) continue;
      if (c.error !== null) throw new UserError(`--hyper ${p.key} for ${algo}: ${c.error}`);
      out[algo] = { ...(out[algo] ?? {}), [p.key]: p.value };
      applied++;
    }
    if (applied === 0) {
      throw new UserError(`--hyper '${text}': no algorithm of this experiment (${targets.join(', ')}) has a hyper-parameter '${p.key}'`);
    }
  }
  return out;
}
