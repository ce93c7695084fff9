// How long a reproduction will take: an ESTIMATE from per-algorithm costs per slot (the static table below, measured
// on the development machine (2-core VM, tfjs-wasm), or this machine's calibration file laid over it:
// calibration.ts), scaled linearly with the number of agents (CVs), refined by the wall time of runs the
// reproduction has already finished. Pure (the CLI prints it, the engine and the UI show it).
import { planExperiment, type ExperimentRequest, type PlannedRun } from '../api/experiments';

export interface AlgoCost {
  /** Milliseconds per training slot (decision + learning step, amortised) with `agents` CVs. */
  msPerSlot: number;
  /** Milliseconds per slot of an exploration-off evaluation episode (decisions only). */
  evalMsPerSlot: number;
  agents: number;
  /** Learners get exploration-off evaluation points; heuristics do not (runner.ts). */
  learner: boolean;
  /** Where the figure comes from. */
  source: string;
}

/**
 * Measured costs (estimates: the machine was shared with other runs, figures vary with load): the calibration
 * `npm run bench -- --calibrate` (bench/calibrate.ts) on the 2-core development VM, 2026-12-07 08:27 UTC, load
 * average 3.0 (docs/performance.md, "Calibration for projections"): wall ms per training slot (decision, step,
 * learning step, amortised) and per exploration-off evaluation slot, at the paper setting of each paper (7 CVs for
 * paper 1, 5 for paper 2). Checked against real runs: P-QMIX 25.5 ms per slot, Ly-DTMPPO 1.47; MAD2RL 147-157 ms
 * per slot with two runs sharing the two cores (1000-episode runs of docs/model-notes.md). A machine's own
 * calibration file replaces these (src-main/engine/calibration-store.ts).
 */
const CALIBRATED_ON_DEV_VM = 'npm run bench -- --calibrate on the 2-core development VM (2026-12-07)';
export const ALGO_COSTS: Readonly<Record<string, AlgoCost>> = {
  mad2rl: { msPerSlot: 102, evalMsPerSlot: 2.2, agents: 7, learner: true, source: CALIBRATED_ON_DEV_VM },
  pqmix: { msPerSlot: 28.5, evalMsPerSlot: 0.8, agents: 7, learner: true, source: CALIBRATED_ON_DEV_VM },
  genetic: { msPerSlot: 10.6, evalMsPerSlot: 9.4, agents: 7, learner: false, source: CALIBRATED_ON_DEV_VM },
  greedy: { msPerSlot: 0.1, evalMsPerSlot: 0.1, agents: 7, learner: false, source: CALIBRATED_ON_DEV_VM },
  'ly-dtmppo': { msPerSlot: 1.66, evalMsPerSlot: 1.04, agents: 5, learner: true, source: CALIBRATED_ON_DEV_VM },
  'ly-mappo': { msPerSlot: 1.41, evalMsPerSlot: 0.87, agents: 5, learner: true, source: CALIBRATED_ON_DEV_VM },
  'ly-maddpg': { msPerSlot: 34.4, evalMsPerSlot: 0.48, agents: 5, learner: true, source: CALIBRATED_ON_DEV_VM },
  'ly-matd3': { msPerSlot: 24.1, evalMsPerSlot: 0.48, agents: 5, learner: true, source: CALIBRATED_ON_DEV_VM },
  'ly-masac': { msPerSlot: 55.2, evalMsPerSlot: 0.61, agents: 5, learner: true, source: CALIBRATED_ON_DEV_VM },
};
/** A cost table and what it says about where its figures come from (shown with every projection). */
export interface CostTable {
  costs: Readonly<Record<string, AlgoCost>>;
  /** Starts with "estimate"; names the source (the static table, or a calibration with its date and machine). */
  basis: string;
}

/** The table above, unchanged (no calibration file, or a malformed one). */
export const STATIC_COST_TABLE: CostTable = {
  costs: ALGO_COSTS,
  basis: 'estimate from the static cost table (per-algorithm ms per slot from a calibration on the 2-core development VM, src-shared/reproduction/projection.ts), scaled by #CVs',
};

/** An algorithm without a measured cost (random, fixed policies): cheap, like greedy. */
const FALLBACK: AlgoCost = { msPerSlot: 2, evalMsPerSlot: 2, agents: 5, learner: false, source: 'no measurement (assumed cheap)' };
/** Start-up of each run: worker thread, TensorFlow.js backend, environment (measured ~2-4 s). */
export const RUN_OVERHEAD_S = 3;

function num(obj: unknown, keys: string[]): number | undefined {
  let cur = obj;
  for (const k of keys) cur = cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>)[k] : undefined;
  return typeof cur === 'number' && Number.isFinite(cur) ? cur : undefined;
}

/** Slots per episode, agents (CVs) and evaluation episodes of one planned run (defaults: 30 slots, 5 CVs). */
export function runShape(p: PlannedRun, costs: Readonly<Record<string, AlgoCost>> = ALGO_COSTS): { slots: number; agents: number; evalEpisodes: number } {
  const scenario = p.request.scenario === 'default' ? {} : p.request.scenario;
  const slots = num(scenario, ['slots']) ?? 30;
  const agents = num(scenario, ['cvs', 'count']) ?? 5;
  const episodes = p.request.episodes;
  const every = (costs[p.request.algo] ?? FALLBACK).learner ? (p.request.evalEvery ?? 0) : 0;
  // One evaluation point every `every` episodes and after the last (runner.ts), `evalEpisodes` episodes each.
  const points = every > 0 ? Math.floor(episodes / every) + (episodes % every === 0 ? 0 : 1) : 0;
  return { slots, agents, evalEpisodes: points * (p.request.evalEpisodes ?? 5) };
}

/** Projected seconds of one planned run from the cost table (learning cost scaled by agents / reference agents). */
export function projectRunSeconds(p: PlannedRun, costs: Readonly<Record<string, AlgoCost>> = ALGO_COSTS): number {
  const c = costs[p.request.algo] ?? FALLBACK;
  const { slots, agents, evalEpisodes } = runShape(p, costs);
  const f = agents / c.agents;
  return RUN_OVERHEAD_S + (p.request.episodes * slots * c.msPerSlot * f + evalEpisodes * slots * c.evalMsPerSlot * f) / 1000;
}

export interface Projection {
  runs: number;
  episodesPerRun: number;
  /** Training + evaluation episodes of all runs. */
  totalEpisodes: number;
  seconds: number;
  /** Always an estimate; says from what. */
  basis: string;
}

export function projectExperiment(exp: ExperimentRequest, table: CostTable = STATIC_COST_TABLE): Projection {
  const planned = planExperiment(exp);
  const { costs } = table;
  let seconds = 0;
  let totalEpisodes = 0;
  for (const p of planned) {
    seconds += projectRunSeconds(p, costs);
    totalEpisodes += p.request.episodes + runShape(p, costs).evalEpisodes;
  }
  return {
    runs: planned.length,
    episodesPerRun: exp.episodes,
    totalEpisodes,
    seconds,
    basis: table.basis,
  };
}

/**
 * Seconds left, given the runs already finished (their wall time per projected second corrects the estimate:
 * the ratio measured / projected over the finished runs scales the remaining ones) and the progress of the
 * running one (fraction done).
 */
export function remainingSeconds(
  planned: readonly PlannedRun[],
  done: readonly { index: number; wallTimeS: number }[],
  running: { index: number; fraction: number } | null,
  costs: Readonly<Record<string, AlgoCost>> = ALGO_COSTS,
): { seconds: number; calibrated: boolean } {
  const projected = planned.map((p) => projectRunSeconds(p, costs));
  const finished = new Set(done.map((d) => d.index));
  let ratio = 1;
  const projDone = done.reduce((s, d) => s + (projected[d.index] ?? 0), 0);
  const wallDone = done.reduce((s, d) => s + d.wallTimeS, 0);
  if (projDone > 0 && wallDone > 0) ratio = wallDone / projDone;
  let seconds = 0;
  projected.forEach((s, i) => {
    if (finished.has(i)) return;
    const left = running && running.index === i ? 1 - Math.min(1, Math.max(0, running.fraction)) : 1;
    seconds += s * ratio * left;
  });
  return { seconds, calibrated: done.length > 0 };
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  if (s < 90) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 90) return `${m} min`;
  const h = s / 3600;
  return h < 48 ? `${h.toFixed(1)} h` : `${(h / 24).toFixed(1)} days`;
}
