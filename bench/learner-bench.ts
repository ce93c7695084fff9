// Speed of the paper-1 learning core in the paper's setting (Sec. 8.1): 7 CVs, 5 SVs (J = 6 edge nodes),
// VGG16-sized action space (L+1)J, M = 7 denoising steps, 3 x 256 Mish noise network, E = 64.
// For every backend that loads it prints the median wall time of one training step (Algorithm 1, lines
// 19-21, all agents + mixer), of one decision (all agents, batch 1), the matMul GFLOP/s of the training
// step and the projected hours of the paper's run (1000 episodes x 30 slots, one decision and one training
// step per slot; environment time not included); `trainStepCpuMs`: CPU time of the training step summed over
// all threads (workers included), the figure to compare on a busy machine. `decisionMs` is measured with fixed weights (evaluation);
// `decisionTrainingMs` right after a training step, when tfjs-wasm must first repack the new weights.
// On wasm it measures both implementations of the agent networks in one run, training slots interleaved slot by
// slot (decisions path by path, see below):
// `fused` (the default: FMA matMul and fused element-wise kernels, src-main/rl/nn/fused.ts) and `tf-ops`
// (one tfjs op per operation, as before; VECWB_FUSED_KERNELS=0). Then, if python3 has torch, the PyTorch
// reference of the same step (bench/pytorch_reference.py, run after, not alongside) and each row's
// `pytorchRatio` = trainStepMs / PyTorch's. Why the fused path looks as it does: docs/performance.md.
//   npm run bench                      human-readable table
//   npm run bench -- --json            one JSON object per line (`bench: "p1"` and `"p1-pytorch"`; p2: bench/isac.bench.ts)
//   options: --backends wasm,cpu  --threads auto|1|2  --algo mad2rl|pqmix  --steps N  --decisions N
//            --paths fused,tf-ops  --torch auto|off
import { listPresetModels } from '../src-main/sim/vec-dnn/model-catalog';
import { profileModel } from '../src-main/sim/vec-dnn/dnn-layers';
import type { EnvSpec } from '../src-main/sim/env';
import { Random } from '../src-main/sim/random';
import { backendOrder, selectBackend } from '../src-main/rl/backend';
import { isMad2rl, parseMad2rlHyper, parsePqmixHyper, type LearnerHyper } from '../src-main/rl/config';
import { QmixLearner } from '../src-main/rl/learners/qmix-learner';
import { runPythonReference, type ReferenceResult } from './python-reference';

interface Options {
  json: boolean;
  backends: string[];
  threads: 'auto' | number;
  algo: 'mad2rl' | 'pqmix';
  steps: number | null;
  decisions: number | null;
  /** Agent-network paths to compare on wasm (interleaved in one run). */
  paths: NetPath[];
  /** Run bench/pytorch_reference.py when torch is available. */
  torch: boolean;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { json: false, backends: [...backendOrder], threads: 'auto', algo: 'mad2rl', steps: null, decisions: null, paths: ['fused', 'tf-ops'], torch: true };
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
    else if (a === '--paths') {
      const v = next().split(',');
      if (v.length === 0 || v.some((p) => p !== 'fused' && p !== 'tf-ops')) throw new Error('--paths must list fused and/or tf-ops');
      o.paths = v as NetPath[];
    } else if (a === '--torch') {
      const v = next();
      if (v !== 'auto' && v !== 'off') throw new Error('--torch must be auto or off');
      o.torch = v === 'auto';
    }
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

/** CPU time of this process, all threads (the agent workers too), in ms: robust where wall time is not (a shared machine). */
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

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

/** The agent networks' two implementations on tfjs-wasm (src-main/rl/nn/fused.ts); other backends have tf-ops only. */
type NetPath = 'fused' | 'tf-ops';

/** Runs `f` with the fused kernels switched on or off (VECWB_FUSED_KERNELS; workers take it when they start). */
async function onPath<T>(path: NetPath, f: () => Promise<T>): Promise<T> {
  const before = process.env.VECWB_FUSED_KERNELS;
  process.env.VECWB_FUSED_KERNELS = path === 'fused' ? '1' : '0';
  try {
    return await f();
  } finally {
    if (before === undefined) delete process.env.VECWB_FUSED_KERNELS;
    else process.env.VECWB_FUSED_KERNELS = before;
  }
}

/**
 * One row per path. With several paths, each has its own learner (same seed) and the measured slots alternate
 * between them, so a loaded machine slows both alike and their ratio stays meaningful.
 */
async function benchBackend(name: string, o: Options) {
  const backend = await selectBackend(name);
  const spec = paperSpec();
  // The step of Algorithm 1 as printed (omega 0.99, eq. 59's own max), the step bench/pytorch_reference.py times;
  // the learners' defaults (doubleQ, gamma 0) do more or less work per step.
  const hyperIn = { threads: o.threads, gamma: 0.99, doubleQ: false };
  const hyper = o.algo === 'mad2rl' ? parseMad2rlHyper(hyperIn) : parsePqmixHyper(hyperIn);
  const paths: NetPath[] = backend.name === 'wasm' ? o.paths : ['tf-ops'];
  const learners: QmixLearner[] = [];
  try {
    for (const path of paths) learners.push(await onPath(path, () => QmixLearner.create({ algo: o.algo, spec, hyper, seed: 1, backend: backend.name })));
    const rng = Random.fromSeed(7);
    // fill the replay buffers with the same random transitions (no training yet)
    let prev = randomObservation(spec, rng);
    for (let k = 0; k < 4 * hyper.batchSize; k++) {
      const next = randomObservation(spec, rng);
      const actions = spec.actionSpaces.map((s) => rng.int((s as { n: number }).n));
      const t = { obs: prev.obs, state: prev.state, actions, reward: -rng.uniform(), nextObs: next.obs, nextState: next.state, nextMasks: next.masks, done: false };
      for (const l of learners) (l as unknown as { replay: { add(t: unknown): void } }).replay.add(t);
      prev = next;
    }
    const slow = backend.name === 'cpu';
    const steps = o.steps ?? (slow ? 3 : 15);
    const decisions = o.decisions ?? (slow ? 5 : 50);
    const each = (f: (l: QmixLearner, i: number) => Promise<void>) => paths.reduce((p, path, i) => p.then(() => onPath(path, () => f(learners[i], i))), Promise.resolve());
    for (let k = 0; k < (slow ? 1 : 3); k++) await each(async (l) => void (await l.trainStep())); // warm-up (operator caches, JIT)
    // One slot of training: a decision with the freshly updated weights, then a training step.
    const trainTimes: number[][] = paths.map(() => []);
    const trainCpu: number[][] = paths.map(() => []);
    const slotDecideTimes: number[][] = paths.map(() => []);
    const phases: Record<string, number[]>[] = paths.map(() => ({}));
    for (let k = 0; k < steps; k++) {
      const ob = randomObservation(spec, rng);
      await each(async (l, i) => {
        const t0 = performance.now();
        await l.act(ob, false);
        const t1 = performance.now();
        const c1 = cpuMs();
        const st = await l.trainStep();
        trainTimes[i].push(performance.now() - t1);
        await (l as unknown as { settle(): Promise<void> }).settle(); // the worker-side updates' CPU time counts too
        trainCpu[i].push(cpuMs() - c1);
        slotDecideTimes[i].push(t1 - t0);
        for (const [p, v] of Object.entries(st.phaseMs)) (phases[i][p] ??= []).push(v);
      });
    }
    // Decisions path by path, back to back as a run makes them: interleaved with the other path's learner, each
    // learner's worker thread idles through the other's decision and the wake-up (0.1-0.8 ms on a VM) lands in
    // the timing (docs/performance.md). A block of decisions lasts well under a second, so load drift is small.
    const observations = Array.from({ length: 5 + decisions }, () => randomObservation(spec, rng));
    const decideTimes: number[][] = paths.map(() => []);
    for (const [i, path] of paths.entries()) {
      await onPath(path, async () => {
        for (const [k, ob] of observations.entries()) {
          const t0 = performance.now();
          await learners[i].act(ob, false);
          if (k >= 5) decideTimes[i].push(performance.now() - t0); // the first 5 are a warm-up
        }
      });
    }
    return paths.map((path, i) => {
      const trainStepMs = median(trainTimes[i]);
      const decisionMs = median(decideTimes[i]);
      const decisionTrainingMs = median(slotDecideTimes[i]);
      const gflops = trainStepFlops(spec, hyper) / (trainStepMs * 1e6);
      const paperRunHours = (1000 * 30 * (trainStepMs + decisionTrainingMs)) / 3.6e6;
      return {
        bench: 'p1',
        backend: backend.name,
        path,
        trainStepMs: round(trainStepMs, 1),
        trainStepCpuMs: round(median(trainCpu[i]), 1),
        decisionMs: round(decisionMs, 2),
        decisionTrainingMs: round(decisionTrainingMs, 2),
        gflops: round(gflops, 1),
        paperRunHours: round(paperRunHours, 2),
        algo: o.algo,
        threads: learners[i].threads,
        stepGflop: round(trainStepFlops(spec, hyper) / 1e9, 2),
        actions: (spec.actionSpaces[0] as { n: number }).n,
        phaseMs: Object.fromEntries(Object.entries(phases[i]).map(([p, v]) => [p, round(median(v), 1)])),
        pytorchRatio: null as number | null,
      };
    });
  } finally {
    for (const l of learners) await l.dispose();
  }
}

interface TorchRow {
  bench: 'p1-pytorch';
  torch: string;
  threads: number;
  trainStepMs: number;
  decisionMs: number;
  decisionTrainingMs: number;
}

/** bench/pytorch_reference.py when python3 has torch (Debian: python3-torch), else null with the reason. */
function runTorchReference(o: Options): ReferenceResult<TorchRow> {
  const threads = o.threads === 'auto' ? 2 : o.threads;
  const args = ['--threads', String(threads), ...(o.steps ? ['--steps', String(o.steps)] : []), ...(o.decisions ? ['--decisions', String(o.decisions)] : [])];
  return runPythonReference<TorchRow>('pytorch_reference.py', args);
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
  const rows: Awaited<ReturnType<typeof benchBackend>> = [];
  for (const name of o.backends) {
    try {
      rows.push(...(await benchBackend(name, o)));
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      if (!o.json) console.log(`${name.padEnd(14)} skipped: ${msg}`);
      else process.stderr.write(`${name}: skipped: ${msg}\n`);
    }
  }
  // the PyTorch reference runs after the TensorFlow.js rows (never at the same time), in the same invocation
  const torch = o.torch && o.algo === 'mad2rl' ? runTorchReference(o) : { row: null, why: o.torch ? 'the reference is MAD2RL only' : 'off (--torch off)' };
  for (const row of rows) {
    if (torch.row) row.pytorchRatio = round(row.trainStepMs / torch.row.trainStepMs, 2);
    if (o.json) console.log(JSON.stringify(row));
    else
      console.log(
        `${`${row.backend}/${row.path}`.padEnd(14)} train step ${row.trainStepMs.toFixed(1).padStart(8)} ms (CPU ${row.trainStepCpuMs.toFixed(0)} ms)   decision ${row.decisionMs.toFixed(2).padStart(7)} ms ` +
          `(${row.decisionTrainingMs.toFixed(2)} ms right after an update)   ` +
          `${row.gflops.toFixed(1).padStart(5)} GFLOP/s (${row.stepGflop} GFLOP/step)   threads ${row.threads}   ` +
          `paper run ${row.paperRunHours.toFixed(2)} h${row.pytorchRatio !== null ? `   x${row.pytorchRatio} PyTorch` : ''}\n` +
          `${''.padEnd(15)}phases (median ms): ${JSON.stringify(row.phaseMs)}`,
      );
  }
  if (torch.row) {
    if (o.json) console.log(JSON.stringify(torch.row));
    else
      console.log(
        `${'pytorch'.padEnd(14)} train step ${torch.row.trainStepMs.toFixed(1).padStart(8)} ms   decision ${torch.row.decisionMs.toFixed(2).padStart(7)} ms ` +
          `(${torch.row.decisionTrainingMs.toFixed(2)} ms right after an update)   torch ${torch.row.torch}, threads ${torch.row.threads} (bench/pytorch_reference.py)`,
      );
  } else if (!o.json) console.log(`${'pytorch'.padEnd(14)} skipped: ${torch.why}`);
  else process.stderr.write(`pytorch: skipped: ${torch.why}\n`);
}
