// Speed of the paper-1 learning core in the paper's setting (Sec. 8.1): 7 CVs, 5 SVs (J = 6 edge nodes),
// VGG16-sized action space (L+1)J, M = 7 denoising steps, 3 x 256 Mish noise network, E = 64.
// For every backend that loads it prints the median wall time of one training step (Algorithm 1, lines
// 19-21, all agents + mixer), of one decision (all agents, batch 1), the matMul GFLOP/s of the training
// step and the projected hours of the paper's run (1000 episodes x 30 slots, one decision and one training
// step per slot; environment time not included). `decisionMs` is measured with fixed weights (evaluation);
// `decisionTrainingMs` right after a training step, when tfjs-wasm must first repack the new weights.
//   npm run bench                      human-readable table
//   npm run bench -- --json            one JSON object per line (`bench: "p1"`; p2 rows: bench/isac.bench.ts)
//   options: --backends wasm,cpu  --threads auto|1|2  --algo mad2rl|pqmix  --steps N  --decisions N
import { listPresetModels } from '../src-main/sim/vec-dnn/model-catalog';
import { profileModel } from '../src-main/sim/vec-dnn/dnn-layers';
import type { EnvSpec } from '../src-main/sim/env';
import { Random } from '../src-main/sim/random';
import { backendOrder, selectBackend } from '../src-main/rl/backend';
import { isMad2rl, parseMad2rlHyper, parsePqmixHyper, type LearnerHyper } from '../src-main/rl/config';
import { QmixLearner } from '../src-main/rl/learners/qmix-learner';

interface Options {
  json: boolean;
  backends: string[];
  threads: 'auto' | number;
  algo: 'mad2rl' | 'pqmix';
  steps: number | null;
  decisions: number | null;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { json: false, backends: [...backendOrder], threads: 'auto', algo: 'mad2rl', steps: null, decisions: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--json') o.json = true;
    else if (a === '--backends') o.backends = next().split(',');
    else if (a === '--threads') {
      const v = next();
      o.threads = v === 'auto' ? 'auto' : Number(v);
      if (o.threads !== 'auto' && !(Number.isInteger(o.threads) && o.threads >= 1)) throw new Error('--threads must be auto or an integer >= 1');
    } else if (a === '--algo') {
      const v = next();
      if (v !== 'mad2rl' && v !== 'pqmix') throw new Error('--algo must be mad2rl or pqmix');
      o.algo = v;
    } else if (a === '--steps') o.steps = Number(next());
    else if (a === '--decisions') o.decisions = Number(next());
    else throw new Error(`unknown option ${a}`);
  }
  return o;
}

/** The paper's setting: every agent with VGG16's action space (L+1) J and local state of 2J+1 entries (52). */
function paperSpec(): EnvSpec {
  const vgg = listPresetModels().find((m) => m.name === 'VGG16');
  if (!vgg) throw new Error('VGG16 preset missing');
  const L = profileModel(vgg, 4).units.length;
  const cvs = 7;
  const J = 1 + 5; // RSU + 5 SVs
  const obsDim = 2 * J + 1;
  return {
    envId: 'vec-dnn',
    nAgents: cvs,
    obsDims: Array(cvs).fill(obsDim),
    stateDim: cvs * obsDim,
    actionSpaces: Array.from({ length: cvs }, () => ({ kind: 'discrete' as const, n: (L + 1) * J })),
    episodeLength: 30,
  };
}

/** MatMul FLOPs of one training step (multiply-add = 2): online forward + target forward + backward (2x). */
function trainStepFlops(spec: EnvSpec, h: LearnerHyper): number {
  let total = 0;
  const E = h.batchSize;
  spec.obsDims.forEach((obs, i) => {
    const A = (spec.actionSpaces[i] as { n: number }).n;
    const widths = h.hidden;
    let perRow = 0;
    for (let l = 1; l < widths.length; l++) perRow += widths[l - 1] * widths[l];
    perRow += widths[widths.length - 1] * A;
    if (isMad2rl(h)) {
      const M = h.denoisingSteps;
      const fwd = 2 * E * (M * (A * widths[0] + perRow) + obs * widths[0]) + 2 * M * h.stepEmbedDim * widths[0];
      total += 4 * fwd;
    } else {
      total += 4 * 2 * E * (obs * widths[0] + perRow);
    }
  });
  return total;
}

const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function randomObservation(spec: EnvSpec, rng: Random) {
  const obs = spec.obsDims.map((d) => Float32Array.from({ length: d }, () => rng.uniform()));
  const masks = spec.actionSpaces.map((s) => Uint8Array.from({ length: (s as { n: number }).n }, () => (rng.uniform() < 0.8 ? 1 : 0)));
  masks.forEach((m) => (m[0] = 1));
  const state = new Float32Array(spec.stateDim);
  let off = 0;
  for (const o of obs) {
    state.set(o, off);
    off += o.length;
  }
  return { obs, state, masks };
}

async function benchBackend(name: string, o: Options) {
  const backend = await selectBackend(name);
  const spec = paperSpec();
  const hyperIn = { threads: o.threads };
  const hyper = o.algo === 'mad2rl' ? parseMad2rlHyper(hyperIn) : parsePqmixHyper(hyperIn);
  const learner = await QmixLearner.create({ algo: o.algo, spec, hyper, seed: 1, backend: backend.name });
  try {
    const rng = Random.fromSeed(7);
    // fill the replay buffer with random transitions (no training yet)
    let prev = randomObservation(spec, rng);
    const fill = (n: number) => {
      for (let k = 0; k < n; k++) {
        const next = randomObservation(spec, rng);
        const actions = spec.actionSpaces.map((s) => rng.int((s as { n: number }).n));
        (learner as unknown as { replay: { add(t: unknown): void } }).replay.add({
          obs: prev.obs,
          state: prev.state,
          actions,
          reward: -rng.uniform(),
          nextObs: next.obs,
          nextState: next.state,
          nextMasks: next.masks,
          done: false,
        });
        prev = next;
      }
    };
    fill(4 * hyper.batchSize);
    const slow = backend.name === 'cpu';
    const steps = o.steps ?? (slow ? 3 : 15);
    const decisions = o.decisions ?? (slow ? 5 : 50);
    for (let k = 0; k < (slow ? 1 : 3); k++) await learner.trainStep(); // warm-up (operator caches, JIT)
    // One slot of training: a decision with the freshly updated weights, then a training step.
    const trainTimes: number[] = [];
    const slotDecideTimes: number[] = [];
    const phases: Record<string, number[]> = {};
    for (let k = 0; k < steps; k++) {
      const ob = randomObservation(spec, rng);
      const t0 = performance.now();
      await learner.act(ob, false);
      const t1 = performance.now();
      const st = await learner.trainStep();
      trainTimes.push(performance.now() - t1);
      slotDecideTimes.push(t1 - t0);
      for (const [p, v] of Object.entries(st.phaseMs)) (phases[p] ??= []).push(v);
    }
    for (let k = 0; k < 5; k++) await learner.act(randomObservation(spec, rng), false);
    const decideTimes: number[] = [];
    for (let k = 0; k < decisions; k++) {
      const ob = randomObservation(spec, rng);
      const t0 = performance.now();
      await learner.act(ob, false);
      decideTimes.push(performance.now() - t0);
    }
    const trainStepMs = median(trainTimes);
    const decisionMs = median(decideTimes);
    const decisionTrainingMs = median(slotDecideTimes);
    const gflops = trainStepFlops(spec, hyper) / (trainStepMs * 1e6);
    const paperRunHours = (1000 * 30 * (trainStepMs + decisionTrainingMs)) / 3.6e6;
    return {
      bench: 'p1',
      backend: backend.name,
      trainStepMs: round(trainStepMs, 1),
      decisionMs: round(decisionMs, 2),
      decisionTrainingMs: round(decisionTrainingMs, 2),
      gflops: round(gflops, 1),
      paperRunHours: round(paperRunHours, 2),
      algo: o.algo,
      threads: learner.threads,
      stepGflop: round(trainStepFlops(spec, hyper) / 1e9, 2),
      actions: (spec.actionSpaces[0] as { n: number }).n,
      phaseMs: Object.fromEntries(Object.entries(phases).map(([p, v]) => [p, round(median(v), 1)])),
    };
  } finally {
    await learner.dispose();
  }
}

const round = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;

export async function main(argv: string[]): Promise<void> {
  const o = parseArgs(argv);
  if (!o.json) {
    const spec = paperSpec();
    console.log(
      `paper setting: ${spec.nAgents} agents, ${(spec.actionSpaces[0] as { n: number }).n} actions each (VGG16 (L+1)J), ` +
        `local state ${spec.obsDims[0]}, E = 64, algo ${o.algo}`,
    );
  }
  for (const name of o.backends) {
    let row;
    try {
      row = await benchBackend(name, o);
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      if (!o.json) console.log(`${name.padEnd(14)} skipped: ${msg}`);
      else process.stderr.write(`${name}: skipped: ${msg}\n`);
      continue;
    }
    if (o.json) console.log(JSON.stringify(row));
    else
      console.log(
        `${row.backend.padEnd(14)} train step ${row.trainStepMs.toFixed(1).padStart(8)} ms   decision ${row.decisionMs.toFixed(2).padStart(7)} ms ` +
          `(${row.decisionTrainingMs.toFixed(2)} ms right after an update)   ` +
          `${row.gflops.toFixed(1).padStart(5)} GFLOP/s (${row.stepGflop} GFLOP/step)   threads ${row.threads}   ` +
          `paper run ${row.paperRunHours.toFixed(2)} h\n${''.padEnd(15)}phases (median ms): ${JSON.stringify(row.phaseMs)}`,
      );
  }
}
