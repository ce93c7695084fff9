// One algorithm's wall ms per slot for the projection's calibration (bench/calibrate.ts), measured as a run spends
// it: the environment and the controller are built by the runner's own entry points (the algorithm registry,
// createEnvironment) on the paper setting of a reference experiment at paper scale (paper 1: p1-convergence,
// 7 CVs; paper 2: p2-convergence, 5 CVs), then slots go as in the runner's loop (act, step, observe, slot
// metrics, a turn of the event loop; endEpisode at each episode's end).
//   1. untimed warm-up: until the learner has started learning (learningStarts / warmupSlots, at least a batch)
//      and a few learning slots more (operator caches, JIT); one episode for the others;
//   2. timed training slots: at least `minSlots` slots and `minMs` ms, ending at an episode's end (so updates
//      that fall at episode ends, PPO's, are in the mean);
//   3. timed exploration-off evaluation slots (act and step only), after a few untimed ones (weights repacked).
import { z } from 'zod';
import { experimentRequestSchema, planExperiment } from '../src-shared/api/experiments';
import { runRequestSchema, type EnvId, type RunRequest } from '../src-shared/schemas/run';
import { resolveEnvScenario } from '../src-shared/schemas/scenario';
import { algorithms } from '../src-main/experiments/algorithms';
import { createEnvironment, type AnyEnv } from '../src-main/experiments/environments';
import { getPaperExperiment, sweepDefinition } from '../src-main/experiments/paper-experiments';
import { episodeSeed } from '../src-main/experiments/runner';
import type { Controller } from '../src-main/sim/controller';
import type { EnvObservation } from '../src-main/sim/env';

/** The experiment whose paper setting (scenario, agents, hyper-parameters) each paper's algorithms are measured on. */
export const REFERENCE_EXPERIMENT: Record<EnvId, string> = { 'vec-dnn': 'p1-convergence', 'isac-dt': 'p2-convergence' };

/** Learning slots run untimed after learning starts (the first steps compile kernels and fill caches). */
const LEARNING_WARM_UP_SLOTS = 3;
/** Evaluation slots run untimed first (the first decisions after training repack the weights). */
const EVAL_WARM_UP_SLOTS = 3;
/** Episode numbers of the evaluation episodes' seeds: apart from the training episodes'. */
const EVAL_SEED_BASE = 1_000_000;

export interface MeasureOptions {
  /** Fewest timed training slots and evaluation slots. */
  minSlots: number;
  /** Fewest ms of timed training (evaluation: half of it). */
  minMs: number;
}

export interface Measurement {
  algo: string;
  env: EnvId;
  experiment: string;
  agents: number;
  learner: boolean;
  backend: string | null;
  warmUpSlots: number;
  msPerSlot: number;
  slotsTimed: number;
  evalMsPerSlot: number;
  evalSlotsTimed: number;
}

/** The run request of `algo` in its paper's reference experiment at paper scale (a heuristic not in it: same scenario, own defaults). */
export function calibrationRequest(algo: string): { request: RunRequest; experiment: string; kind: 'heuristic' | 'learner' } {
  const spec = algorithms.find((a) => a.name === algo);
  if (!spec) throw new Error(`no algorithm '${algo}' in the registry`);
  const experiment = REFERENCE_EXPERIMENT[spec.env];
  const exp = getPaperExperiment(experiment);
  if (exp.kind !== 'sweep') throw new Error(`${experiment} runs no algorithms`);
  const planned = planExperiment(experimentRequestSchema.parse(sweepDefinition(exp, 'paper').experiment));
  const own = planned.find((p) => p.request.algo === algo);
  const base = own ?? planned[0];
  const request = runRequestSchema.parse({ ...base.request, algo, hyper: own ? base.request.hyper : {} });
  return { request, experiment, kind: spec.kind };
}

/** The thresholds a learner's hyper-parameters set for its first learning step (absent for the others). */
const warmUpHyperSchema = z.looseObject({
  learningStarts: z.number().optional(),
  warmupSlots: z.number().optional(),
  batchSize: z.number().optional(),
});

/** Untimed training slots: past the first learning step and a few more; at least one episode. */
export function warmUpSlots(hyper: unknown, slotsPerEpisode: number): number {
  const h = warmUpHyperSchema.parse(hyper);
  const start = h.learningStarts ?? h.warmupSlots;
  if (start === undefined) return slotsPerEpisode;
  return Math.max(slotsPerEpisode, Math.max(start, h.batchSize ?? 0) + LEARNING_WARM_UP_SLOTS);
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Training episodes, untimed then timed; returns the timed slots and ms. */
async function trainingSlots(env: AnyEnv, controller: Controller<never, unknown>, req: RunRequest, scenarioSeed: number, untimed: number, o: MeasureOptions) {
  const slots = env.spec.episodeLength;
  let done = 0;
  let t0 = 0;
  for (let episode = 1; ; episode++) {
    let obs: EnvObservation = env.reset(episodeSeed(req.seed, episode, scenarioSeed));
    for (let slot = 1; slot <= slots; slot++) {
      if (done === untimed) t0 = performance.now();
      const actions = await controller.act(obs, env, true);
      const result = env.step(actions);
      if (controller.observe) await controller.observe(obs, actions, result);
      env.slotMetrics(result.info);
      obs = result;
      done++;
      await turn();
      if (result.done) break;
    }
    if (controller.endEpisode) await controller.endEpisode(episode);
    const timed = done - untimed;
    if (timed >= o.minSlots && performance.now() - t0 >= o.minMs) return { slots: timed, ms: performance.now() - t0 };
  }
}

/** Exploration-off evaluation slots (act and step, no learning), a few untimed first. */
async function evaluationSlots(env: AnyEnv, controller: Controller<never, unknown>, req: RunRequest, scenarioSeed: number, o: MeasureOptions) {
  const slots = env.spec.episodeLength;
  let done = 0;
  let t0 = 0;
  for (let k = 1; ; k++) {
    let obs: EnvObservation = env.reset(episodeSeed(req.seed, EVAL_SEED_BASE + k, scenarioSeed));
    for (let slot = 1; slot <= slots; slot++) {
      if (done === EVAL_WARM_UP_SLOTS) t0 = performance.now();
      const result = env.step(await controller.act(obs, env, false));
      env.slotMetrics(result.info);
      obs = result;
      done++;
      await turn();
      const timed = done - EVAL_WARM_UP_SLOTS;
      if (timed >= o.minSlots && performance.now() - t0 >= o.minMs / 2) return { slots: timed, ms: performance.now() - t0 };
      if (result.done) break;
    }
  }
}

/** Builds `algo` on its paper setting as a run does and measures its ms per training and evaluation slot. */
export async function measureAlgorithm(algo: string, o: MeasureOptions): Promise<Measurement> {
  const { request: req, experiment, kind } = calibrationRequest(algo);
  const spec = algorithms.find((a) => a.name === algo && a.env === req.env);
  if (!spec) throw new Error(`no algorithm '${algo}' for ${req.env}`);
  const es = resolveEnvScenario(req.env, req.scenario);
  const env = await createEnvironment(es, process.cwd());
  let backend: string | null = null;
  if (kind === 'learner') {
    const { selectBackend } = await import('../src-main/rl/backend');
    backend = (await selectBackend(req.backend)).name;
  }
  const factory = await spec.load();
  const controller = await factory(env, { seed: req.seed, hyper: req.hyper, backend: backend ?? undefined });
  try {
    const untimed = warmUpSlots(spec.hyperSchema ? spec.hyperSchema.parse(req.hyper) : {}, env.spec.episodeLength);
    const train = await trainingSlots(env, controller, req, es.scenario.seed, untimed, o);
    const evaluation = await evaluationSlots(env, controller, req, es.scenario.seed, o);
    return {
      algo,
      env: req.env,
      experiment,
      agents: env.spec.nAgents,
      learner: kind === 'learner',
      backend,
      warmUpSlots: untimed,
      msPerSlot: train.ms / train.slots,
      slotsTimed: train.slots,
      evalMsPerSlot: evaluation.ms / evaluation.slots,
      evalSlotsTimed: evaluation.slots,
    };
  } finally {
    controller.dispose?.();
  }
}
