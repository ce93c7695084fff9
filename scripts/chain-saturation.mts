// Is a MAD2RL checkpoint's diffusion chain saturated? For each agent, runs the online chain (mean path) on up to
// 200 states from the checkpoint's replay buffer and prints: how many actions tie at the maximum of x^0, how many
// sit at the clip (+-1, clipDenoised), the largest softmax probability, and how many distinct argmax actions the
// states get. A policy whose argmax is the same for every state, decided by ties, has stopped learning
// (docs/model-notes.md, "Paper 1: learning readings").
// usage: npx tsx scripts/chain-saturation.mts <checkpoint ep-NNNNNN folder>
import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { DiffusionQAgent } from '../src-main/rl/agents/diffusion-q-agent';
import { ReplayBuffer, type ReplayMeta } from '../src-main/rl/buffers/replay';
import { ParamSet } from '../src-main/rl/nn/params';

const dir = process.argv[2];
if (!dir || !fs.existsSync(path.join(dir, 'learner.json'))) {
  console.error('usage: npx tsx scripts/chain-saturation.mts <checkpoint folder with learner.json>');
  process.exit(2);
}
const L = JSON.parse(fs.readFileSync(path.join(dir, 'learner.json'), 'utf8'));
if (L.algo !== 'mad2rl') {
  console.error(`${dir}: a ${L.algo} checkpoint; only mad2rl has a diffusion chain`);
  process.exit(2);
}
const h = L.hyper;
const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'agents.json'), 'utf8')).weightsManifest[0];
const decoded = tf.io.decodeWeights(new Uint8Array(fs.readFileSync(path.join(dir, manifest.paths[0]))).buffer, manifest.weights);
const arrays = Object.entries(decoded).map(([name, t]) => ({ name, shape: t.shape, data: t.dataSync() as Float32Array }));
const meta = JSON.parse(fs.readFileSync(path.join(dir, 'replay.json'), 'utf8')) as ReplayMeta;
const replay = ReplayBuffer.restore(meta, new Uint8Array(fs.readFileSync(path.join(dir, 'replay.bin'))));
const n = Math.min(200, meta.size);
const batch = replay.gather(Array.from({ length: n }, (_, k) => Math.floor((k * meta.size) / n)));
const prefix = h.qHead === 'critic' ? 'actor/online/' : 'online/';
console.log(`${dir}: qHead ${h.qHead}, clipDenoised ${h.clipDenoised}, M ${h.denoisingSteps}, betaMax ${h.betaMax}, ${n} replay states`);
L.obsDims.forEach((obsDim: number, i: number) => {
  const A = L.nActions[i];
  const net = new DiffusionQAgent({
    obsDim, nActions: A, hidden: h.hidden, embedDim: h.stepEmbedDim, activation: h.activation, steps: h.denoisingSteps,
    betaMin: h.betaMin, betaMax: h.betaMax, clipDenoised: h.clipDenoised, qHead: 'logits', noise: 'mean',
  });
  const p = ParamSet.fromArrays(net.paramSpecs(), arrays, `agent${i}/${prefix}`);
  const x = net.forward(p, tf.tensor2d(batch.obs[i], [n, obsDim]), net.makeNoise(1, n), false).q.dataSync();
  let ties = 0, atClip = 0, maxP = 0;
  const argmaxes = new Set<number>();
  for (let r = 0; r < n; r++) {
    const row = Array.from(x.subarray(r * A, (r + 1) * A));
    const mx = Math.max(...row);
    ties += row.filter((v) => v >= mx - 1e-6).length / n;
    atClip += row.filter((v) => Math.abs(v) >= 0.999).length / n;
    const z = row.reduce((s, v) => s + Math.exp(v - mx), 0);
    maxP += 1 / z / n;
    argmaxes.add(row.indexOf(mx));
  }
  console.log(`agent ${i}: ${A} actions; mean ties at the max ${ties.toFixed(1)}, at |x0| >= 0.999 ${atClip.toFixed(1)}, ` +
    `mean max softmax ${maxP.toFixed(3)}, distinct argmax actions over the states ${argmaxes.size}`);
});
