// The experiments behind every figure of both papers, declared once: environment, algorithms, scenario,
// swept parameter and values, seeds and episodes at the paper's scale, plus two smaller scales:
//   smoke  proves the pipeline (seconds per run): 2 episodes of 5 slots, 1 seed, 2 sweep values, 1 evaluation
//          episode; the learners never leave exploration (nor start training), the numbers mean nothing.
//   quick  the smallest budget at which the learners have left exploration and a figure's ordering can show:
//          per experiment below (`why`), e.g. paper 1: 150 episodes with epsilon annealed over the first 50
//          (1500 slots instead of 10 000), 1 seed, the sweep values the paper states numbers for.
//   paper  the papers' settings (1000 / 1800 episodes, seeds 1-3).
// `--quick` of `vecwb reproduce` is an alias of `--scale smoke` (its meaning before scales existed).
// Values the papers do not state (seeds, denoising steps and V values of paper 1) are recorded in
// docs/model-notes.md, "Figures and experiments"; the quick budgets under "Reproduction scales".
import type { ExperimentRequestInput, Sweep } from '../../src-shared/api/experiments';
import { UserError } from '../../src-shared/errors';
import { isacDtReproductionReadings } from '../../src-shared/schemas/isac-dt-reproduction';
import type { SweepDefinition } from './sweeps';

export const scaleNames = ['smoke', 'quick', 'paper'] as const;
export type ScaleName = (typeof scaleNames)[number];

/** A reduced budget of an experiment: fields not given keep the paper's. */
export interface ScaleBudget {
  episodes: number;
  seeds: number[];
  /** Sweep values replacing the paper's ones (fewer runs); axes not given keep the paper's values. */
  sweep?: Partial<Sweep>;
  /** Scenario fields laid over the experiment's (e.g. fewer slots per episode at smoke scale). */
  scenario?: Record<string, unknown>;
  /** Hyper-parameters laid over each algorithm's, by algorithm name (e.g. epsilon annealed sooner). */
  hyper?: Record<string, Record<string, unknown>>;
  /** Exploration-off evaluation: every this many episodes (and after the last), this many episodes. */
  evalEvery?: number;
  evalEpisodes?: number;
  /** Why this budget (printed by `vecwb reproduce --list`). */
  why: string;
}

export interface PaperSweepExperiment {
  kind: 'sweep';
  id: string;
  paper: 1 | 2;
  title: string;
  /** Where the setting comes from in the paper. */
  source: string;
  figures: string[];
  request: ExperimentRequestInput;
  smoke: ScaleBudget;
  quick: ScaleBudget;
  /**
   * The experiment's own scenario fields without the default readings (p2: the reproduction readings). A
   * `--scenario` base replaces those readings and goes under these fields; absent: request.scenario is used.
   */
  ownScenario?: Record<string, unknown>;
}

/** Fig. 1 needs no runs: it is drawn from a DNN model's layer table. */
export interface PaperModelExperiment {
  kind: 'model';
  id: string;
  paper: 1 | 2;
  title: string;
  source: string;
  figures: string[];
  modelName: string;
  bytesPerElement: number;
}

export type PaperExperiment = PaperSweepExperiment | PaperModelExperiment;

const PAPER_SEEDS = [1, 2, 3];
const P1_EPISODES = 1000; // Sec. 8.1 4): H = 1000 episodes of T = 30 slots
const P2_EPISODES = 1800; // Sec. VII-A 3) and Table II: 1800 episodes of 30 slots
/** The denoising steps MAD2RL uses in every comparison (Sec. 8.3.1: "we fix the denoising steps ... to 7"). */
const MAD2RL = { algo: 'mad2rl', hyper: { denoisingSteps: 7 } };
const P1_BASELINES = [MAD2RL, { algo: 'pqmix' }, { algo: 'genetic' }, { algo: 'greedy' }];
/** The five learners of Sec. VII-B plus the constant fixed-ratio policy as a sanity floor. */
const P2_ALGOS = ['ly-dtmppo', 'ly-mappo', 'ly-maddpg', 'ly-matd3', 'ly-masac', 'fixed-ratio'].map((algo) => ({ algo }));

/** Smoke: 2 episodes of 5 slots, seed 1, one evaluation episode after the last. */
const smoke = (sweep?: Partial<Sweep>): ScaleBudget => ({
  episodes: 2, seeds: [1], sweep, scenario: { slots: 5 }, evalEvery: 2, evalEpisodes: 1,
  why: 'pipeline check only: 2 episodes of 5 slots, the learners are still exploring and never train',
});
/**
 * Paper 1 quick: 150 episodes of the paper's 30 slots, epsilon annealed over the first 50 episodes (1500 slots;
 * the default 10 000 slots is a third of the 1000-episode run), so the last 100 episodes are at the epsilon
 * floor and the evaluation points at 50, 100 and 150 episodes read a policy that has been trained.
 */
const P1_QUICK_EPISODES = 150;
const P1_QUICK_HYPER = { mad2rl: { epsilonAnnealSteps: 1500 }, pqmix: { epsilonAnnealSteps: 1500 } };
const p1Quick = (sweep: Partial<Sweep> | undefined, why: string): ScaleBudget => ({
  episodes: P1_QUICK_EPISODES, seeds: [1], sweep, hyper: P1_QUICK_HYPER,
  why: `${P1_QUICK_EPISODES} episodes, epsilon annealed over the first 50 (1500 slots), seed 1${why ? `; ${why}` : ''}`,
});
/**
 * Paper 2 quick: 300 episodes. The off-policy learners leave their 1000 random warm-up slots (33 episodes)
 * early; the PPO learners get 300 updates of one episode each (Algorithm 1's cadence) instead of the paper's 1800
 * (no epsilon to shorten, their Gaussian policy narrows only by learning). Hyper-parameters stay the paper's.
 */
const P2_QUICK_EPISODES = 300;
const p2Quick = (sweep: Partial<Sweep> | undefined, why: string): ScaleBudget => ({
  episodes: P2_QUICK_EPISODES, seeds: [1], sweep,
  why: `${P2_QUICK_EPISODES} episodes (off-policy warm-up of 33 episodes passed, ${P2_QUICK_EPISODES} PPO updates of one episode), seed 1${why ? `; ${why}` : ''}`,
});

/**
 * Paper 1 scenario. The reproduction reading of reward (56) is the exact Lyapunov drift (scenario.rewardDrift
 * 'exact'): with the printed bound the learners' completion time rises while their reward improves
 * (docs/model-notes.md, "Paper 1: learning readings"). The GA and greedy use objective (32) either way.
 */
const p1Scenario = (cvs: number, svs: number, v: number) => ({ cvs: { count: cvs }, svs: { count: svs }, lyapunovV: v, rewardDrift: 'exact' });
/** Paper 2 scenario (src-shared/schemas/isac-dt-scenario.ts); RSUs (3) and alpha (0.6) are set as the paper's. */
const p2Own = (cvs: number, v: number) => ({ cvs: { count: cvs }, rsus: { count: 3 }, costWeightAlpha: 0.6, lyapunov: { controlV: v } });
/** ... laid over the reproduction readings (src-shared/schemas/isac-dt-reproduction.ts). */
const p2Scenario = (cvs: number, v: number) => mergeScenario(structuredClone(isacDtReproductionReadings) as Record<string, unknown>, p2Own(cvs, v));

export const paperExperiments: PaperExperiment[] = [
  {
    kind: 'model',
    id: 'p1-layer-profile',
    paper: 1,
    title: 'VGG16 layer-wise output size and workload',
    source: 'Paper 1, Fig. 1 (measured on a Jetson Xavier; here: eqs. 3 and 6 on the VGG16 preset)',
    figures: ['p1-fig1'],
    modelName: 'VGG16',
    bytesPerElement: 4,
  },
  {
    kind: 'sweep',
    id: 'p1-denoising',
    paper: 1,
    title: 'MAD2RL convergence under different denoising steps',
    source: 'Paper 1, Sec. 8.3.1, Fig. 6a: 7 CVs, 5 SVs, V = 10',
    figures: ['p1-fig6a'],
    request: {
      env: 'vec-dnn', name: 'p1-denoising', scenario: p1Scenario(7, 5, 10),
      algos: [{ algo: 'mad2rl' }], episodes: P1_EPISODES, seeds: PAPER_SEEDS,
      sweep: { denoisingSteps: [3, 5, 7, 9] },
    },
    smoke: smoke({ denoisingSteps: [3, 7] }),
    quick: p1Quick({ denoisingSteps: [3, 7, 9] }, 'M in {3, 7, 9}: the fewest values that can show a peak at 7'),
  },
  {
    kind: 'sweep',
    id: 'p1-convergence',
    paper: 1,
    title: 'Convergence of MAD2RL and P-QMIX',
    source: 'Paper 1, Sec. 8.3.1, Fig. 6b: 7 CVs, 5 SVs, V = 10',
    figures: ['p1-fig6b'],
    request: {
      env: 'vec-dnn', name: 'p1-convergence', scenario: p1Scenario(7, 5, 10),
      algos: [MAD2RL, { algo: 'pqmix' }], episodes: P1_EPISODES, seeds: PAPER_SEEDS,
    },
    smoke: smoke(),
    quick: p1Quick(undefined, ''),
  },
  {
    kind: 'sweep',
    id: 'p1-queues',
    paper: 1,
    title: 'Stability of the task queues under MAD2RL',
    source: 'Paper 1, Sec. 8.3.2, Fig. 7a-c: 5 CVs, 3 SVs, V = 10',
    figures: ['p1-fig7a', 'p1-fig7b', 'p1-fig7c'],
    request: {
      env: 'vec-dnn', name: 'p1-queues', scenario: p1Scenario(5, 3, 10),
      algos: [MAD2RL], episodes: P1_EPISODES, seeds: PAPER_SEEDS,
    },
    smoke: smoke(),
    quick: p1Quick(undefined, ''),
  },
  {
    kind: 'sweep',
    id: 'p1-cvs',
    paper: 1,
    title: 'Task completion time versus the number of CVs',
    source: 'Paper 1, Sec. 8.3.3, Fig. 8a: 3..7 CVs, 5 SVs, V = 10',
    figures: ['p1-fig8a'],
    request: {
      env: 'vec-dnn', name: 'p1-cvs', scenario: p1Scenario(5, 5, 10),
      algos: P1_BASELINES, episodes: P1_EPISODES, seeds: PAPER_SEEDS,
      sweep: { cvCount: [3, 4, 5, 6, 7] },
    },
    smoke: smoke({ cvCount: [3, 7] }),
    quick: p1Quick({ cvCount: [3, 7] }, '3 and 7 CVs, the loads Sec. 8.3.3 states percentages for'),
  },
  {
    kind: 'sweep',
    id: 'p1-svs',
    paper: 1,
    title: 'Task completion time versus the number of SVs',
    source: 'Paper 1, Sec. 8.3.4, Fig. 8b: 5 CVs, 3..7 SVs, V = 10',
    figures: ['p1-fig8b'],
    request: {
      env: 'vec-dnn', name: 'p1-svs', scenario: p1Scenario(5, 5, 10),
      algos: P1_BASELINES, episodes: P1_EPISODES, seeds: PAPER_SEEDS,
      sweep: { svCount: [3, 4, 5, 6, 7] },
    },
    smoke: smoke({ svCount: [3, 7] }),
    quick: p1Quick({ svCount: [3, 7] }, '3 and 7 SVs, the counts Sec. 8.3.4 states percentages for'),
  },
  {
    kind: 'sweep',
    id: 'p1-v',
    paper: 1,
    title: 'Queue backlog and completion time versus V',
    source: 'Paper 1, Sec. 8.3.5, Fig. 9a/9b: 7 CVs, 5 SVs; V values not stated',
    figures: ['p1-fig9a', 'p1-fig9b'],
    request: {
      env: 'vec-dnn', name: 'p1-v', scenario: p1Scenario(7, 5, 10),
      algos: [MAD2RL], episodes: P1_EPISODES, seeds: PAPER_SEEDS,
      sweep: { lyapunovV: [1, 5, 10, 50, 100] },
    },
    smoke: smoke({ lyapunovV: [1, 100] }),
    quick: p1Quick({ lyapunovV: [1, 10, 100] }, 'V in {1, 10, 100}'),
  },
  {
    kind: 'sweep',
    id: 'p1-decision-time',
    paper: 1,
    title: 'Per-step decision time of P-QMIX, MAD2RL and the GA',
    source: 'Paper 1, published version (IEEE TMC 2025), Table II: 5 CVs, 3..7 SVs (see ../shared/papers/NOTES.md)',
    figures: ['p1-table2'],
    request: {
      // decision time does not depend on training: a few episodes, timed on the exploration-off evaluation points
      env: 'vec-dnn', name: 'p1-decision-time', scenario: p1Scenario(5, 5, 10),
      algos: [{ algo: 'pqmix' }, MAD2RL, { algo: 'genetic' }], episodes: 3, seeds: PAPER_SEEDS,
      sweep: { svCount: [3, 4, 5, 6, 7] }, evalEvery: 3, evalEpisodes: 2,
    },
    smoke: smoke({ svCount: [3, 7] }),
    quick: {
      episodes: 3, seeds: [1, 2], sweep: { svCount: [3, 5, 7] }, evalEvery: 3, evalEpisodes: 2,
      why: 'decision time does not depend on training: 3 episodes, 2 evaluation episodes, 3 / 5 / 7 SVs, seeds 1, 2',
    },
  },
  {
    kind: 'sweep',
    id: 'p2-convergence',
    paper: 2,
    title: 'Convergence, stability and queues of Ly-DTMPPO and the baselines',
    source: 'Paper 2, Sec. VII-C 1)-2), Fig. 4, Table III, Fig. 5a/5b: 5 CVs, 3 RSUs, V = 5',
    figures: ['p2-fig4', 'p2-table3', 'p2-fig5a', 'p2-fig5b'],
    request: {
      env: 'isac-dt', name: 'p2-convergence', scenario: p2Scenario(5, 5),
      algos: P2_ALGOS, episodes: P2_EPISODES, seeds: PAPER_SEEDS,
    },
    smoke: smoke(),
    quick: p2Quick(undefined, ''),
    ownScenario: p2Own(5, 5),
  },
  {
    kind: 'sweep',
    id: 'p2-cvs',
    paper: 2,
    title: 'Cost, delay and energy versus the number of CVs',
    source: 'Paper 2, Sec. VII-C 3), Fig. 6a-c: 2..6 CVs, alpha = 0.6, V = 5',
    figures: ['p2-fig6a', 'p2-fig6b', 'p2-fig6c'],
    request: {
      env: 'isac-dt', name: 'p2-cvs', scenario: p2Scenario(5, 5),
      algos: P2_ALGOS, episodes: P2_EPISODES, seeds: PAPER_SEEDS,
      sweep: { cvCount: [2, 3, 4, 5, 6] },
    },
    smoke: smoke({ cvCount: [2, 6] }),
    quick: p2Quick({ cvCount: [3, 4, 6] }, '3, 4 and 6 CVs, the loads Sec. VII-C 3) states percentages for'),
    ownScenario: p2Own(5, 5),
  },
  {
    kind: 'sweep',
    id: 'p2-v',
    paper: 2,
    title: 'System cost versus the Lyapunov control parameter V',
    source: 'Paper 2, Sec. VII-C 4), Fig. 7a/7b: V in {5, 10, 50, 100} (the values the text names), 5 CVs, 3 RSUs',
    figures: ['p2-fig7a', 'p2-fig7b'],
    request: {
      env: 'isac-dt', name: 'p2-v', scenario: p2Scenario(5, 5),
      algos: [{ algo: 'ly-dtmppo' }], episodes: P2_EPISODES, seeds: PAPER_SEEDS,
      sweep: { lyapunovV: [5, 10, 50, 100] },
    },
    smoke: smoke({ lyapunovV: [5, 100] }),
    quick: p2Quick({ lyapunovV: [5, 10, 50, 100] }, 'all four V values (the cost levels are stated for each)'),
    ownScenario: p2Own(5, 5),
  },
];

export function getPaperExperiment(id: string): PaperExperiment {
  const found = paperExperiments.find((e) => e.id === id);
  if (!found) throw new UserError(`unknown experiment '${id}'; known: ${paperExperiments.map((e) => e.id).join(', ')}`);
  return found;
}

/** A researcher's changes to an experiment's scale or base scenario (`vecwb reproduce --episodes/--seeds/--scenario`). */
export interface ExperimentOverrides {
  episodes?: number;
  seeds?: number[];
  /**
   * Scenario fields laid under the experiment's own: the experiment's settings (e.g. the #CVs of a figure and
   * the swept values) win, everything else (e.g. energy constants, mobility) comes from here.
   */
  scenario?: Record<string, unknown>;
  /** Hyper-parameters per algorithm laid over the experiment's and the scale's (`vecwb reproduce --hyper`). */
  hyper?: Record<string, Record<string, unknown>>;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** `over` deep-merged onto `base` (objects merge, everything else is replaced). */
function mergeScenario(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = isPlainObject(v) && isPlainObject(out[k]) ? mergeScenario(out[k] as Record<string, unknown>, v) : v;
  return out;
}

/** Algorithm choices with a budget's hyper-parameters laid over each algorithm's own. */
function withHyper(algos: ExperimentRequestInput['algos'], hyper: ScaleBudget['hyper']): ExperimentRequestInput['algos'] {
  if (!hyper) return algos;
  return algos.map((a) => (hyper[a.algo] ? { ...a, hyper: { ...(a.hyper ?? {}), ...hyper[a.algo] } } : a));
}

/** The experiment request of `exp` at `scale` (before a researcher's overrides). */
export function scaledRequest(exp: PaperSweepExperiment, scale: ScaleName): ExperimentRequestInput {
  if (scale === 'paper') return exp.request;
  const b = scale === 'smoke' ? exp.smoke : exp.quick;
  const own = exp.request.scenario === undefined || exp.request.scenario === 'default' ? {} : exp.request.scenario;
  return {
    ...exp.request,
    episodes: b.episodes,
    seeds: b.seeds,
    checkpointEvery: Math.min(50, b.episodes),
    sweep: { ...exp.request.sweep, ...b.sweep },
    scenario: b.scenario ? mergeScenario(own, b.scenario) : exp.request.scenario,
    algos: withHyper(exp.request.algos, b.hyper),
    ...(b.evalEvery !== undefined ? { evalEvery: b.evalEvery } : {}),
    ...(b.evalEpisodes !== undefined ? { evalEpisodes: b.evalEpisodes } : {}),
  };
}

/** The budget of a scale (the paper's own for 'paper'), for listings. */
export function scaleBudget(exp: PaperSweepExperiment, scale: ScaleName): ScaleBudget {
  if (scale === 'smoke') return exp.smoke;
  if (scale === 'quick') return exp.quick;
  const seeds = exp.request.seeds ?? [1];
  return { episodes: exp.request.episodes, seeds, why: `the paper's setting (${exp.source.replace(/^Paper \d, /, '')}), seeds ${seeds.join(', ')}` };
}

export function parseScale(raw: unknown): ScaleName {
  if (typeof raw === 'string' && (scaleNames as readonly string[]).includes(raw)) return raw as ScaleName;
  throw new UserError(`--scale must be one of ${scaleNames.join(' | ')}, got '${String(raw)}'`);
}

/** The sweep definition of an experiment at a scale, with a researcher's overrides (scale 'custom' then). */
export function sweepDefinition(exp: PaperSweepExperiment, scale: ScaleName, overrides: ExperimentOverrides = {}): SweepDefinition {
  let request: ExperimentRequestInput = scaledRequest(exp, scale);
  const custom = overrides.episodes !== undefined || overrides.seeds !== undefined || overrides.scenario !== undefined || overrides.hyper !== undefined;
  if (overrides.hyper !== undefined) request = { ...request, algos: withHyper(request.algos, overrides.hyper) };
  if (overrides.episodes !== undefined) request = { ...request, episodes: overrides.episodes };
  if (overrides.seeds !== undefined) request = { ...request, seeds: overrides.seeds };
  if (overrides.scenario !== undefined) {
    const { env: _env, ...fields } = overrides.scenario;
    const declared = exp.ownScenario ?? request.scenario;
    const own = declared === undefined || declared === 'default' ? {} : declared;
    request = { ...request, scenario: mergeScenario(fields, own) };
  }
  return { id: exp.id, title: exp.title, scale: custom ? 'custom' : scale, figures: exp.figures, experiment: request };
}
