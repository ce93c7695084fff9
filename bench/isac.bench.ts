// Speed of paper 2's learners (Ly-DTMPPO and its four baselines) on the default ISAC scenario (5 CVs, 3 RSUs,
// 30 slots; Sec. VII-A). Per algorithm: wall time per training episode (acting, environment, storing and every
// update that falls in it, amortised), per update (PPO: one full update, E = 10 epochs over B = 512 slots;
// off-policy: one gradient step), and the projected hours of the paper's 1800-episode run.
//   npx tsx bench/isac.bench.ts                human-readable table (also part p2 of `npm run bench`)
//   npx tsx bench/isac.bench.ts --json         one JSON object per line (`bench: "p2"`, like learner-bench's "p1")
//   options: --backend auto|wasm|cpu|...  --algos ly-dtmppo,ly-masac  --episodes N (timed episodes, off-policy)
import { fileURLToPath } from 'node:url';
import { selectBackend } from '../src-main/rl/backend';
import { continuousLearnerFactories, type ContinuousAlgorithm } from '../src-main/rl/continuous/index';
import type { ContinuousLearnerBase } from '../src-main/rl/continuous/learner-base';
import { createIsacEnv } from '../src-main/sim/isac-dt/create-env';
import type { EnvObservation, MultiAgentEnv } from '../src-main/sim/env';

const ALGOS = Object.keys(continuousLearnerFactories) as ContinuousAlgorithm[];
const PAPER_EPISODES = 1800;

interface Options {
  json: boolean;
  backend: string;
  algos: ContinuousAlgorithm[];
  episodes: number;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { json: false, backend: 'auto', algos: ALGOS, episodes: 3 };
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
    // PPO: enough episodes for one full rollout of 512 slots, so the update's share is in the mean.
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
    };
  } finally {
    learner.dispose();
  }
}

export async function main(argv: string[]): Promise<void> {
  const o = parseArgs(argv);
  const backend = (await selectBackend(o.backend)).name;
  if (!o.json) {
    console.log(`paper 2 learners on the default ISAC scenario, backend ${backend}`);
    console.log('algorithm      ms/episode   ms/update   updates  hours for 1800 episodes');
  }
  for (const algo of o.algos) {
    const row = await benchAlgo(algo, backend, o);
    if (o.json) console.log(JSON.stringify(row));
    else {
      const upd = row.msPerUpdate === null ? '-' : row.msPerUpdate.toFixed(2);
      console.log(
        `${algo.padEnd(14)} ${row.msPerEpisode.toFixed(1).padStart(10)} ${upd.padStart(11)} ${String(row.updatesTimed).padStart(9)}  ${row.paperRunHours.toFixed(2).padStart(8)}`,
      );
    }
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  });
}
