// Phase timings of one diffusion agent's share of a training step (paper setting), for optimisation work.
// CPU time of this process, the fused-kernel path (src-main/rl/nn/fused.ts) and the per-op tf path in
// alternate iterations, so both see the same machine load.
//   npx tsx bench/profile-agent.ts [backend]
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../src-main/rl/backend';
import { DiffusionQAgent } from '../src-main/rl/agents/diffusion-q-agent';
import { adamStepAndSoftUpdate, AdamState, sumOfSquaresView } from '../src-main/rl/nn/adam';
import { initParams, ParamSet } from '../src-main/rl/nn/params';
import { heapViewer } from '../src-main/rl/nn/heap';

const backend = process.argv[2] ?? 'wasm';
await selectBackend(backend);
const E = 64;
const A = 132;
const obsDim = 13;
const agent = new DiffusionQAgent({ nActions: A, obsDim, hidden: [256, 256, 256], embedDim: 16, activation: 'mish', steps: 7, betaMin: 0.1, betaMax: 10 });
const specs = agent.paramSpecs();
const online = ParamSet.fromArrays(specs, initParams(specs, 1));
const target = online.clone();
const adam = AdamState.create(specs);
const obs = tf.tensor2d(Float32Array.from({ length: E * obsDim }, () => Math.random()), [E, obsDim]);
const dqData = new Float32Array(E * A);
for (let e = 0; e < E; e++) dqData[e * A + (e % A)] = 0.1;
const dq = tf.tensor2d(dqData, [E, A]);
const times: Record<string, number[]> = {};
// CPU time of this process: robust when other processes share the cores (wall time is not).
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
let path = 'fused';
const time = <T>(k: string, f: () => T): T => {
  const t0 = cpuNow();
  const r = f();
  (times[`${k}|${path}`] ??= []).push(cpuNow() - t0);
  return r;
};
const view = heapViewer();
for (let it = 0; it < 40; it++) {
  path = it % 2 === 0 ? 'fused' : 'tf-ops';
  process.env.VECWB_FUSED_KERNELS = path === 'fused' ? '1' : '0';
  const n1 = time('noise', () => agent.makeNoise(it * 2 + 1, E));
  const n2 = agent.makeNoise(it * 2 + 2, E);
  const { q, cache } = time('forward(online,keep)', () => agent.forward(online, obs, n1, true));
  time('q.dataSync', () => q.dataSync());
  const { q: qt } = time('forward(target)', () => agent.forward(target, obs, n2, false));
  time('qt.dataSync', () => qt.dataSync());
  const grads = time('backward', () => agent.backward(online, obs, cache!, dq));
  time('sumSq', () => sumOfSquaresView(grads, view!));
  time('adam + soft update', () => adamStepAndSoftUpdate(online, target, grads, adam, { lr: 5e-4, beta1: 0.9, beta2: 0.999, eps: 1e-8 }, 0.5, 0.001, view!));
  agent.disposeCache(cache!);
  tf.dispose([q, qt, ...grads]);
}
const paths = ['fused', 'tf-ops'];
const totals = [0, 0];
console.log(''.padEnd(24), paths.map((p) => p.padStart(10)).join(''), '  (median ms of CPU time)');
for (const k of [...new Set(Object.keys(times).map((key) => key.split('|')[0]))]) {
  const meds = paths.map((p, i) => {
    const s = (times[`${k}|${p}`] ?? [0]).slice(3).sort((a, b) => a - b);
    const med = s[Math.floor(s.length / 2)];
    totals[i] += med;
    return med;
  });
  console.log(k.padEnd(24), meds.map((m) => m.toFixed(2).padStart(10)).join(''));
}
console.log('total per agent'.padEnd(24), totals.map((t) => t.toFixed(2).padStart(10)).join(''), `   x7: ${totals.map((t) => (7 * t).toFixed(0)).join(' / ')} ms; tensors ${tf.memory().numTensors}`);
