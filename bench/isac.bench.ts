// Speed of paper 2's learners (Ly-DTMPPO and its four baselines) on the default ISAC scenario (5 CVs, 3 RSUs,
// 30 slots; Sec. VII-A). Per algorithm: wall time per training episode (acting, environment, storing and every
// update that falls in it, amortised), per update (PPO: one full update, E = 10 epochs over the rollout, by
// default one episode of 30 slots (rollout 'episode'), B = 512 slots under rollout 'slots'; off-policy: one
// gradient step), and the projected hours of the paper's 1800-episode run.
// Then, for the PPO learners, if python3 has torch, the PyTorch reference of one update of the same sizes
// (bench/pytorch_mappo_reference.py, run after the TensorFlow.js rows, never alongside; sizes from the learner's
// parsed hyper-parameters, bench/mappo-reference-args.ts) and each PPO row's `pytorchUpdateMs` and
// `pytorchUpdateRatio` = msPerUpdate / pytorchUpdateMs (null, with the reason on stderr, without torch).
//   npx tsx bench/isac.bench.ts                human-readable table (also part p2 of `npm run bench`)
//   npx tsx bench/isac.bench.ts --json         one JSON object per line (`bench: "p2"` and `"p2-pytorch"`)
//   options: --backend auto|wasm|cpu|...  --algos ly-dtmppo,ly-masac  --episodes N (timed episodes, off-policy)
//            --torch auto|off  --torch-threads N (torch.set_num_threads; default 1, as the update here runs on one thread)
import { fileURLToPath } from 'node:url';
import { selectBackend } from '../src-main/rl/backend';
import { continuousLearnerFactories, MappoLearner, type ContinuousAlgorithm } from '../src-main/rl/continuous/index';
import type { ContinuousLearnerBase } from '../src-main/rl/continuous/learner-base';
import { createIsacEnv } from '../src-main/sim/isac-dt/create-env';
import type { EnvObservation, MultiAgentEnv } from '../src-main/sim/env';
import { mappoReferenceArgs, mappoReferenceConfig, type MappoReferenceConfig, type MappoReferenceRow } from './mappo-reference-args';
import { runPythonReference, type ReferenceResult } from './python-reference';

const ALGOS = Object.keys(continuousLearnerFactories) as ContinuousAlgorithm[];
const PAPER_EPISODES = 1800;

interface Options {
  json: boolean;
  backend: string;
  algos: ContinuousAlgorithm[];
  episodes: number;
  /** Run bench/pytorch_mappo_reference.py for the PPO learners when torch is available. */
  torch: boolean;
  torchThreads: number;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { json: false, backend: 'auto', algos: ALGOS, episodes: 3, torch: true, torchThreads: 1 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--json') o.json = true;
    else if (a === '--backend') o.backend = next();
    else if (a === '--algos') {
      o.algos = next().split(',') as ContinuousAlgorithm[];
      for (const x of o.algos) if (!ALGOS.includes(x)) throw new Error(`--algos: unknown '${x}'; known: ${ALGOS.join(', ')}`);
    } else if (a === '--episodes') {
      o.episodes = Number(next());
      if (!(Number.isInteger(o.episodes) && o.episodes >= 1)) throw new Error('--episodes must be an integer >= 1');
    } else if (a === '--torch') {
      const v = next();
      if (v !== 'auto' && v !== 'off') throw new Error('--torch must be auto or off');
      o.torch = v === 'auto';
    } else if (a === '--torch-threads') {
      o.torchThreads = Number(next());
      if (!(Number.isInteger(o.torchThreads) && o.torchThreads >= 1)) throw new Error('--torch-threads must be an integer >= 1');
    } else throw new Error(`unknown option ${a}`);
  }
  return o;
}

async function episode(env: MultiAgentEnv<Float32Array, unknown>, learner: ContinuousLearnerBase, seed: number): Promise<void> {
  let obs: EnvObservation = env.reset(seed);
  for (let s = 0; s < env.spec.episodeLength; s++) {
    const actions = learner.act(obs, env, true);
    const r = env.step(actions);
    learner.observe(obs, actions, r);
    obs = r;
    if (r.done) break;
  }
  learner.endEpisode();
}

const round = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;

async function benchAlgo(algo: ContinuousAlgorithm, backend: string, o: Options) {
  const env = (await createIsacEnv({})) as unknown as MultiAgentEnv<Float32Array, unknown>;
  const slots = env.spec.episodeLength;
  const onPolicy = algo.endsWith('ppo');
  // Off-policy: start the updates after one batch (256 slots) so the timed episodes train at every slot.
  const hyper = onPolicy ? {} : { warmupSlots: 256 };
  const learner = (await continuousLearnerFactories[algo](env, { seed: 1, hyper, backend })) as unknown as ContinuousLearnerBase;
  try {
    let ep = 0;
    const untimed = onPolicy ? 0 : Math.ceil(256 / slots);
    for (let k = 0; k < untimed; k++) await episode(env, learner, 1000 + ep++);
    // PPO: at least 512 slots (one full rollout under rollout 'slots'; 18 updates under 'episode'), so the update's share is in the mean.
    const timed = onPolicy ? Math.ceil(512 / slots) : o.episodes;
    const before = { ...learner.updateTiming };
    const t0 = performance.now();
    for (let k = 0; k < timed; k++) await episode(env, learner, 1000 + ep++);
    const msPerEpisode = (performance.now() - t0) / timed;
    const updates = learner.updateTiming.count - before.count;
    const msPerUpdate = updates > 0 ? (learner.updateTiming.totalMs - before.totalMs) / updates : null;
    return {
      bench: 'p2',
      algo,
      backend,
      cvs: env.spec.nAgents,
      slotsPerEpisode: slots,
      msPerEpisode: round(msPerEpisode, 1),
      msPerUpdate: msPerUpdate === null ? null : round(msPerUpdate, 2),
      updatesTimed: updates,
      episodesTimed: timed,
      paperRunHours: round((msPerEpisode * PAPER_EPISODES) / 3.6e6, 2),
      /** PPO only: the sizes of the PyTorch reference, from this learner. */
      reference: learner instanceof MappoLearner ? mappoReferenceConfig(learner) : null,
    };
  } finally {
    learner.dispose();
  }
}

type Row = Omit<Awaited<ReturnType<typeof benchAlgo>>, 'reference'> & { pytorchUpdateMs?: number | null; pytorchUpdateRatio?: number | null };

/** The PyTorch reference per distinct configuration (Ly-DTMPPO and Ly-MAPPO have the same sizes: one run serves both). */
function runReferences(configs: MappoReferenceConfig[], o: Options): Map<string, ReferenceResult<MappoReferenceRow>> {
  const out = new Map<string, ReferenceResult<MappoReferenceRow>>();
  for (const c of configs) {
    const key = JSON.stringify(c);
    if (out.has(key)) continue;
    out.set(
      key,
      o.torch ? runPythonReference<MappoReferenceRow>('pytorch_mappo_reference.py', mappoReferenceArgs(c, { threads: o.torchThreads })) : { row: null, why: 'off (--torch off)' },
    );
  }
  return out;
}

export async function main(argv: string[]): Promise<void> {
  const o = parseArgs(argv);
  const backend = (await selectBackend(o.backend)).name;
  if (!o.json) console.log(`paper 2 learners on the default ISAC scenario, backend ${backend}`);
  const rows: Row[] = [];
  const configs: (MappoReferenceConfig | null)[] = [];
  for (const algo of o.algos) {
    const { reference, ...row } = await benchAlgo(algo, backend, o);
    rows.push(row);
    configs.push(reference);
  }
  // the PyTorch reference runs after the TensorFlow.js rows (never at the same time), in the same invocation
  const refs = runReferences(configs.filter((c): c is MappoReferenceConfig => c !== null), o);
  const whyMissing = new Set<string>();
  rows.forEach((row, i) => {
    const c = configs[i];
    if (!c) return;
    const ref = refs.get(JSON.stringify(c));
    const torchMs = ref?.row?.updateMs ?? null;
    row.pytorchUpdateMs = torchMs;
    row.pytorchUpdateRatio = torchMs !== null && row.msPerUpdate !== null ? round(row.msPerUpdate / torchMs, 2) : null;
    if (ref && ref.row === null) whyMissing.add(ref.why);
  });
  if (o.json) {
    for (const row of rows) console.log(JSON.stringify(row));
    for (const ref of refs.values()) if (ref.row) console.log(JSON.stringify(ref.row));
    for (const why of whyMissing) process.stderr.write(`pytorch: skipped: ${why}\n`);
    return;
  }
  console.log('algorithm      ms/episode   ms/update   updates  hours for 1800 episodes   PyTorch ms/update  ratio');
  for (const row of rows) {
    const upd = row.msPerUpdate === null ? '-' : row.msPerUpdate.toFixed(2);
    const torch = row.pytorchUpdateMs == null ? '-' : row.pytorchUpdateMs.toFixed(2);
    const ratio = row.pytorchUpdateRatio == null ? '-' : `x${row.pytorchUpdateRatio}`;
    console.log(
      `${row.algo.padEnd(14)} ${row.msPerEpisode.toFixed(1).padStart(10)} ${upd.padStart(11)} ${String(row.updatesTimed).padStart(9)}  ${row.paperRunHours.toFixed(2).padStart(8)}` +
        `${torch.padStart(27)}  ${ratio}`,
    );
  }
  for (const ref of refs.values()) {
    if (ref.row) {
      const r = ref.row;
      console.log(
        `pytorch        one PPO update (${r.epochs} epochs x ${r.miniBatches} minibatch over ${r.rows} slots, ${r.nAgents} agents, obs ${r.obsDim}, state ${r.stateDim}, ` +
          `actions ${r.actionDim}, hidden ${r.hidden.join('x')}): ${r.updateMs.toFixed(2)} ms stacked` +
          `${r.updateMsLoop !== null ? `, ${r.updateMsLoop.toFixed(2)} ms per-agent modules` : ''}; torch ${r.torch}, threads ${r.threads} (bench/pytorch_mappo_reference.py)`,
      );
    }
  }
  for (const why of whyMissing) console.log(`pytorch        skipped: ${why}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  });
}
