// The experiments behind every figure of both papers, declared once: environment, algorithms, scenario,
// swept parameter and values, seeds and episodes at the paper's scale, plus a `quick` scale for smoke runs.
// Values the papers do not state (seeds, denoising steps and V values of paper 1) are recorded in
// docs/model-notes.md, "Figures and experiments".
import type { ExperimentRequestInput, Sweep } from '../../src-shared/api/experiments';
import { UserError } from '../../src-shared/errors';
import { isacDtReproductionReadings } from '../../src-shared/schemas/isac-dt-reproduction';
import type { SweepDefinition } from './sweeps';

export interface QuickScale {
  episodes: number;
  seeds: number[];
  /** Sweep values replacing the paper's ones (fewer runs); axes not given keep the paper's values. */
  sweep?: Partial<Sweep>;
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
  quick: QuickScale;
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

const p1Scenario = (cvs: number, svs: number, v: number) => ({ cvs: { count: cvs }, svs: { count: svs }, lyapunovV: v });
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
    quick: { episodes: 3, seeds: [1], sweep: { denoisingSteps: [3, 7] } },
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
    quick: { episodes: 3, seeds: [1] },
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
    quick: { episodes: 3, seeds: [1] },
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
    quick: { episodes: 2, seeds: [1], sweep: { cvCount: [3, 7] } },
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
    quick: { episodes: 2, seeds: [1], sweep: { svCount: [3, 7] } },
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
    quick: { episodes: 2, seeds: [1], sweep: { lyapunovV: [1, 100] } },
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
    ownScenario: p2Own(5, 5),
    quick: { episodes: 3, seeds: [1] },
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
    ownScenario: p2Own(5, 5),
    quick: { episodes: 2, seeds: [1], sweep: { cvCount: [2, 6] } },
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
    ownScenario: p2Own(5, 5),
    quick: { episodes: 2, seeds: [1], sweep: { lyapunovV: [5, 100] } },
  },
];

export function getPaperExperiment(id: string): PaperExperiment {
  const found = paperExperiments.find((e) => e.id === id);
  if (!found) throw new UserError(`unknown experiment '${id}'; known: ${paperExperiments.map((e) => e.id).join(', ')}`);
  return found;
}

/** The sweep definition of an experiment at paper or quick scale. */
/** A researcher's changes to an experiment's scale or base scenario (`vecwb reproduce --episodes/--seeds/--scenario`). */
export interface ExperimentOverrides {
  episodes?: number;
  seeds?: number[];
  /**
   * Scenario fields laid under the experiment's own: the experiment's settings (e.g. the #CVs of a figure and
   * the swept values) win, everything else (e.g. energy constants, mobility) comes from here.
   */
  scenario?: Record<string, unknown>;
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

export function sweepDefinition(exp: PaperSweepExperiment, quick: boolean, overrides: ExperimentOverrides = {}): SweepDefinition {
  let request: ExperimentRequestInput = quick
    ? {
        ...exp.request,
        episodes: exp.quick.episodes,
        seeds: exp.quick.seeds,
        checkpointEvery: exp.quick.episodes,
        sweep: { ...exp.request.sweep, ...exp.quick.sweep },
      }
    : exp.request;
  const custom = overrides.episodes !== undefined || overrides.seeds !== undefined || overrides.scenario !== undefined;
  if (overrides.episodes !== undefined) request = { ...request, episodes: overrides.episodes };
  if (overrides.seeds !== undefined) request = { ...request, seeds: overrides.seeds };
  if (overrides.scenario !== undefined) {
    const { env: _env, ...fields } = overrides.scenario;
    const declared = exp.ownScenario ?? request.scenario;
    const own = declared === undefined || declared === 'default' ? {} : declared;
    request = { ...request, scenario: mergeScenario(fields, own) };
  }
  const scale = custom ? 'custom' : quick ? 'quick' : 'paper';
  return { id: exp.id, title: exp.title, scale, figures: exp.figures, experiment: request };
}
