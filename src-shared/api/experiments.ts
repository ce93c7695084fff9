// Experiments: one or more algorithms x seeds x sweep values, expanded into single run requests.
import { z } from 'zod';
import { envIdSchema, runProgressSchema, runStatusSchema, runSummarySchema, type EnvId, type RunRequestInput } from '../schemas/run';
import { scenarioObjectSchema } from './common';

const axis = <T extends z.ZodType>(item: T) => z.array(item).max(20, 'at most 20 sweep values').default([]);

/** Values swept by an experiment; an empty list keeps the scenario's (or hyper-parameter's) own value. */
export const sweepSchema = z.strictObject({
  /** V of eq. (30) (paper 1) / the Lyapunov weight of paper 2. */
  lyapunovV: axis(z.number().min(0, 'V must be >= 0').max(1e9)),
  /** Number of client vehicles (agents). */
  cvCount: axis(z.number().int('#CVs must be an integer').min(1, '#CVs must be >= 1').max(64)),
  /** Number of service vehicles. */
  svCount: axis(z.number().int('#SVs must be an integer').min(1, '#SVs must be >= 1').max(64)),
  /** Denoising steps M of the diffusion agents (eqs. 37-41); applies to algorithms that have them. */
  denoisingSteps: axis(z.number().int('denoising steps must be an integer').min(1).max(100)),
});
export type Sweep = z.infer<typeof sweepSchema>;
export type SweepAxis = keyof Sweep;
export const sweepAxes: readonly SweepAxis[] = ['lyapunovV', 'cvCount', 'svCount', 'denoisingSteps'];

export const algoChoiceSchema = z.strictObject({
  algo: z.string().min(1, 'choose an algorithm'),
  hyper: z.record(z.string(), z.unknown()).default({}),
});

export const experimentRequestSchema = z.strictObject({
  env: envIdSchema.default('vec-dnn'),
  name: z.string().max(120).default(''),
  scenario: z.union([z.literal('default'), scenarioObjectSchema]).default('default'),
  algos: z.array(algoChoiceSchema).min(1, 'choose at least one algorithm').max(10),
  episodes: z.number().int('episodes must be an integer').min(1, 'episodes must be >= 1').max(100_000),
  seeds: z
    .array(z.number().int().min(0).max(2 ** 31 - 1))
    .min(1, 'give at least one seed')
    .max(32, 'at most 32 seeds')
    .default([1]),
  sweep: sweepSchema.prefault({}),
  backend: z.string().default('auto'),
  checkpointEvery: z.number().int().min(1).max(100_000).default(50),
  slotMetrics: z.boolean().default(true),
  /** Learners: an exploration-off evaluation point every this many episodes and after the last (0 = none). */
  evalEvery: z.number().int().min(0).max(100_000).default(50),
  /** Episodes per evaluation point. */
  evalEpisodes: z.number().int().min(1).max(1000).default(5),
});
export type ExperimentRequest = z.infer<typeof experimentRequestSchema>;
export type ExperimentRequestInput = z.input<typeof experimentRequestSchema>;

/** Most runs one experiment may queue (a typo in a sweep should not queue ten thousand runs). */
export const MAX_RUNS_PER_EXPERIMENT = 400;

/** The hyper-parameter name of the diffusion agents' denoising steps. */
export const DENOISING_STEPS_HYPER = 'denoisingSteps';

/** Where each sweep axis lives in a scenario object, per environment (null: the env has no such knob). */
export const sweepScenarioPaths: Record<EnvId, Record<Exclude<SweepAxis, 'denoisingSteps'>, string[] | null>> = {
  'vec-dnn': { lyapunovV: ['lyapunovV'], cvCount: ['cvs', 'count'], svCount: ['svs', 'count'] },
  'isac-dt': { lyapunovV: ['lyapunov', 'controlV'], cvCount: ['cvs', 'count'], svCount: null },
};

/** One planned run of an experiment, before it is queued. */
export interface PlannedRun {
  label: string;
  /** Runs that differ only in their seed share a group (mean +/- std bands across seeds). */
  group: string;
  sweepValues: Partial<Record<SweepAxis, number>>;
  request: RunRequestInput;
}

function setPath(obj: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const [head, ...rest] = path;
  const copy = { ...obj };
  if (rest.length === 0) copy[head] = value;
  else {
    const inner = copy[head];
    copy[head] = setPath(inner !== null && typeof inner === 'object' ? (inner as Record<string, unknown>) : {}, rest, value);
  }
  return copy;
}

function product(axes: [SweepAxis, number[]][]): Partial<Record<SweepAxis, number>>[] {
  let combos: Partial<Record<SweepAxis, number>>[] = [{}];
  for (const [name, values] of axes) {
    if (values.length === 0) continue;
    combos = combos.flatMap((c) => values.map((v) => ({ ...c, [name]: v })));
  }
  return combos;
}

const axisLabel: Record<SweepAxis, string> = { lyapunovV: 'V', cvCount: '#CV', svCount: '#SV', denoisingSteps: 'M' };

/**
 * Expands an experiment into its runs: algorithms x sweep combinations x seeds. The denoising-steps axis only
 * multiplies algorithms for which `hasDenoisingSteps(algo)` holds. Throws a RangeError naming the count when the
 * plan exceeds MAX_RUNS_PER_EXPERIMENT, and when a swept knob does not exist in the environment.
 */
export function planExperiment(
  exp: ExperimentRequest,
  hasDenoisingSteps: (algo: string) => boolean = (algo) => algo === 'mad2rl',
): PlannedRun[] {
  const paths = sweepScenarioPaths[exp.env];
  for (const key of ['lyapunovV', 'cvCount', 'svCount'] as const) {
    if (exp.sweep[key].length > 0 && paths[key] === null) {
      throw new RangeError(`sweep.${key}: env '${exp.env}' has no such setting`);
    }
  }
  const runs: PlannedRun[] = [];
  for (const choice of exp.algos) {
    const axes: [SweepAxis, number[]][] = [
      ['lyapunovV', exp.sweep.lyapunovV],
      ['cvCount', exp.sweep.cvCount],
      ['svCount', exp.sweep.svCount],
      ['denoisingSteps', hasDenoisingSteps(choice.algo) ? exp.sweep.denoisingSteps : []],
    ];
    for (const combo of product(axes)) {
      let scenario: Record<string, unknown> = exp.scenario === 'default' ? {} : exp.scenario;
      const hyper = { ...choice.hyper };
      for (const [name, value] of Object.entries(combo) as [SweepAxis, number][]) {
        if (name === 'denoisingSteps') hyper[DENOISING_STEPS_HYPER] = value;
        else scenario = setPath(scenario, paths[name] as string[], value);
      }
      const tags = (Object.entries(combo) as [SweepAxis, number][]).map(([k, v]) => `${axisLabel[k]}=${v}`);
      const group = [exp.name || 'experiment', choice.algo, ...tags].join(' · ');
      for (const seed of exp.seeds) {
        runs.push({
          label: `${choice.algo}${tags.length ? ' ' + tags.join(' ') : ''} seed ${seed}`,
          group,
          sweepValues: combo,
          request: {
            env: exp.env,
            scenario: exp.scenario === 'default' && Object.keys(combo).every((k) => k === 'denoisingSteps') ? 'default' : scenario,
            algo: choice.algo,
            episodes: exp.episodes,
            seed,
            name: exp.name ? `${exp.name}: ${group}` : group,
            hyper,
            backend: exp.backend,
            checkpointEvery: exp.checkpointEvery,
            slotMetrics: exp.slotMetrics,
            evalEvery: exp.evalEvery,
            evalEpisodes: exp.evalEpisodes,
          },
        });
        if (runs.length > MAX_RUNS_PER_EXPERIMENT) {
          throw new RangeError(`experiment expands to more than ${MAX_RUNS_PER_EXPERIMENT} runs; reduce seeds or sweep values`);
        }
      }
    }
  }
  return runs;
}

/** Lifecycle of a queued run inside the engine (a run folder exists from 'running' on). */
export const jobStateSchema = z.union([z.literal('queued'), z.literal('starting'), runStatusSchema]);
export type JobState = z.infer<typeof jobStateSchema>;

export const jobSchema = z.object({
  jobId: z.string(),
  experimentId: z.string(),
  label: z.string(),
  group: z.string(),
  env: envIdSchema,
  algo: z.string(),
  seed: z.number().int(),
  sweepValues: z.record(z.string(), z.number()),
  state: jobStateSchema,
  runId: z.string().nullable(),
  progress: runProgressSchema.nullable(),
  summary: runSummarySchema.nullable(),
  error: z.string().nullable(),
  queuedAt: z.string(),
});
export type Job = z.infer<typeof jobSchema>;

export function isJobActive(state: JobState): boolean {
  return state === 'queued' || state === 'starting' || state === 'running' || state === 'paused';
}
