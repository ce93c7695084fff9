// Wall time of one agent's batch-1 decision (the paper setting's chain, M = 7, 3 x 256, 132 actions) on the fused
// kernel path, and of seven agents in a row, for work on the decision time (issue 16).
//   npx tsx bench/decision-profile.ts [iterations]
import { selectBackend } from '../src-main/rl/backend';
import { DiffusionQAgent } from '../src-main/rl/agents/diffusion-q-agent';
import { initParams, ParamSet } from '../src-main/rl/nn/params';
import { heapViewer } from '../src-main/rl/nn/heap';

await selectBackend('wasm');
const iterations = Number(process.argv[2] ?? 400);
const A = 132;
const obsDim = 13;
const agents = Array.from({ length: 7 }, () => new DiffusionQAgent({ nActions: A, obsDim, hidden: [256, 256, 256], embedDim: 16, activation: 'mish', steps: 7, betaMin: 0.1, betaMax: 10 }));
const params = agents.map((a, i) => ParamSet.fromArrays(a.paramSpecs(), initParams(a.paramSpecs(), i + 1)));
const view = heapViewer();
if (!view) throw new Error('the fused kernels did not load');
const obs = Float32Array.from({ length: obsDim }, (_, i) => (i % 5) / 5);
const noises = agents.map((a, i) => a.makeNoise(100 + i, 1));
const one: number[] = [];
const seven: number[] = [];
for (let it = 0; it < iterations; it++) {
  const t0 = performance.now();
  agents[0].decide(params[0], obs, noises[0], view);
  one.push(performance.now() - t0);
  const t1 = performance.now();
  for (let i = 0; i < 7; i++) agents[i].decide(params[i], obs, noises[i], view);
  seven.push(performance.now() - t1);
}
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
console.log(`one agent ${median(one.slice(20)).toFixed(3)} ms, seven agents in a row ${median(seven.slice(20)).toFixed(3)} ms (median of ${iterations - 20})`);
const noiseTimes: number[] = [];
for (let it = 0; it < 200; it++) {
  const t0 = performance.now();
  for (let i = 0; i < 7; i++) agents[i].makeNoise(it * 7 + i, 1);
  noiseTimes.push(performance.now() - t0);
}
console.log(`noise for seven agents ${median(noiseTimes.slice(20)).toFixed(3)} ms`);
