// Host path of MappoLearner.update()'s epoch loop (mappo.ts) for the default configuration: the E epochs of the
// PPO clip objective (47) with the Gaussian entropy bonus for every agent's actor, and the critic's MSE (49), each
// followed by per-network gradient-norm clipping and Adam (adam.ts), in plain TypeScript over the arrays of
// fast-mlp.ts. Same maths as the tfjs path, which it replaces only where tfjs's per-op overhead dominates (tiny
// matrices). GAE (46), value and advantage normalisation stay in mappo.ts (targets()) and feed both paths.
// Covered: stdMode 'state' (tanh-bounded log-std head), actionMap 'clip' (the entropy is the Gaussian's, no noise
// drawn), one minibatch, GAE once per rollout. Anything else keeps the tfjs path (`fastPpoCovers`).
import type { HostAdamState } from './adam';
import { clearGrads, mlpBackward, mlpForward, zeroGrads, type HostMlp, type MlpGrads } from './fast-mlp';
import type { PpoHyper } from './hyper';
import { agentColumns } from './networks';
import { LOG_SQRT_2PI } from './squash';

/** Whether the host path computes this configuration's update (the others run on tfjs). */
export function fastPpoCovers(h: PpoHyper): boolean {
  return h.stdMode === 'state' && h.actionMap === 'clip' && h.miniBatches === 1 && !h.gaeEachEpoch;
}

/**
 * The host path is used where it covers the configuration, unless VECWB_FAST_PPO=0: one update equals the tfjs path
 * to 1e-5, and fixed-seed runs, only statistically alike, learn alike over 14 seeds (docs/performance.md).
 */
export function fastPpoEnabled(h: PpoHyper, env: Record<string, string | undefined> = process.env): boolean {
  return env.VECWB_FAST_PPO !== '0' && fastPpoCovers(h);
}

/** The rollout of one update, as mappo.ts stores it (rows = slots). */
export interface FastPpoBatch {
  rows: number;
  nAgents: number;
  obsDim: number;
  stateDim: number;
  actionDim: number;
  valueHeads: number;
  /** Normalised local observations [rows, nAgents * obsDim]. */
  obs: Float32Array;
  /** Pre-squash Gaussian samples u [rows, nAgents * actionDim]. */
  preSquash: Float32Array;
  /** Behaviour log-probabilities log pi_old(u | s_i) [rows, nAgents]. */
  logProbs: Float32Array;
  /** Normalised global states [rows, stateDim]. */
  states: Float32Array;
  /** (Normalised) advantages [rows, valueHeads]. */
  advantages: Float32Array;
  /** (Normalised) critic targets [rows, valueHeads]. */
  targets: Float32Array;
}

export interface FastPpoSettings {
  epochs: number;
  clipRatio: number;
  /** Weight of the entropy bonus in the actor loss (0 under entropy 'off'; the entropy is still reported). */
  entropyCoef: number;
  logStdMin: number;
  logStdMax: number;
  /** Added to the raw log-std head before the tanh bound (mappo.ts's logStdOffset). */
  logStdOffset: number;
  actorSizes: readonly number[];
  criticSizes: readonly number[];
}

/** What mappo.ts records per gradient step. */
export interface FastPpoStepStats {
  policyLoss: number;
  entropy: number;
  approxKl: number;
  clipFraction: number;
  valueLoss: number;
  actorGradNorm: number;
  criticGradNorm: number;
}

/** Networks over an optimiser's host arrays (they alias, so Adam's in-place update moves the networks). */
function netsOf(opt: HostAdamState, sizes: readonly number[], count: number): HostMlp[] {
  const per = 2 * (sizes.length - 1);
  if (opt.params.length !== per * count || opt.nGroups !== count) {
    throw new RangeError(`fast PPO: optimiser holds ${opt.params.length} tensors in ${opt.nGroups} groups, expected ${per * count} in ${count}`);
  }
  return Array.from({ length: count }, (_, k) => ({
    sizes,
    w: Array.from({ length: per / 2 }, (_, l) => opt.params[k * per + 2 * l]),
    b: Array.from({ length: per / 2 }, (_, l) => opt.params[k * per + 2 * l + 1]),
  }));
}

/** Gradients in the optimiser's variable order (w0, b0, w1, b1, ... per network). */
function flatGrads(grads: readonly MlpGrads[]): Float32Array[] {
  return grads.flatMap((g) => g.w.flatMap((w, l) => [w, g.b[l]]));
}

/**
 * One Adam step as adam.ts takes it: per-group L2 norm of the gradient, clipped to maxGradNorm by the factor
 * min(1, maxGradNorm / (norm + 1e-6)); m <- b1 m + (1 - b1) g, v <- b2 v + (1 - b2) g^2 (stored as float32);
 * theta <- theta - alpha_t m / (sqrt(v) + eps) with alpha_t = lr sqrt(1 - b2^t) / (1 - b1^t) (Kingma & Ba's
 * epsilon-hat form). Returns the mean pre-clipping norm over the groups.
 */
export function hostAdamStep(opt: HostAdamState, grads: readonly Float32Array[]): number {
  const { nGroups, groupOf, params, beta1: b1, beta2: b2, epsilon } = opt;
  const sq = new Float64Array(nGroups);
  for (let i = 0; i < grads.length; i++) {
    const g = grads[i];
    let s = 0;
    for (let k = 0; k < g.length; k++) s += g[k] * g[k];
    sq[groupOf[i]] += s;
  }
  const scale = new Float64Array(nGroups);
  let normSum = 0;
  for (let j = 0; j < nGroups; j++) {
    const norm = Math.sqrt(sq[j]);
    normSum += norm;
    scale[j] = opt.maxGradNorm > 0 ? Math.min(1, opt.maxGradNorm / (norm + 1e-6)) : 1;
  }
  opt.step++;
  const stepSize = (opt.lr * Math.sqrt(1 - b2 ** opt.step)) / (1 - b1 ** opt.step);
  for (let i = 0; i < grads.length; i++) {
    const g = grads[i];
    const c = scale[groupOf[i]];
    const p = params[i];
    const m = opt.m[i];
    const v = opt.v[i];
    for (let k = 0; k < g.length; k++) {
      const gk = g[k] * c;
      m[k] = b1 * m[k] + (1 - b1) * gk;
      v[k] = b2 * v[k] + (1 - b2) * gk * gk;
      p[k] -= (stepSize * m[k]) / (Math.sqrt(v[k]) + epsilon);
    }
  }
  return normSum / nGroups;
}

/**
 * Runs `settings.epochs` gradient steps on the whole batch (one minibatch), updating `actorOpt` (one group per
 * agent) and `criticOpt` (one group) in place; `onStep` gets each step's monitoring values.
 */
export function fastPpoUpdate(
  batch: FastPpoBatch,
  settings: FastPpoSettings,
  actorOpt: HostAdamState,
  criticOpt: HostAdamState,
  onStep: (stats: FastPpoStepStats) => void,
): void {
  const { rows: n, nAgents, obsDim, actionDim: d, valueHeads: H } = batch;
  const actors = netsOf(actorOpt, settings.actorSizes, nAgents);
  const [critic] = netsOf(criticOpt, settings.criticSizes, 1);
  if (settings.actorSizes[settings.actorSizes.length - 1] !== 2 * d) throw new RangeError('fast PPO: the actor head must give mean and log-std');
  const actorGrads = actors.map((a) => zeroGrads(a.sizes));
  const criticGrads = [zeroGrads(critic.sizes)];
  const obs = Array.from({ length: nAgents }, (_, i) => agentColumns(batch.obs, n, nAgents, obsDim, i));
  const u = Array.from({ length: nAgents }, (_, i) => agentColumns(batch.preSquash, n, nAgents, d, i));
  const oldLogp = Array.from({ length: nAgents }, (_, i) => agentColumns(batch.logProbs, n, nAgents, 1, i));
  const { clipRatio, entropyCoef, logStdMin, logStdOffset } = settings;
  const halfSpan = 0.5 * (settings.logStdMax - logStdMin);
  const lo = 1 - clipRatio;
  const hi = 1 + clipRatio;
  const dOut = new Float32Array(n * 2 * d);
  const z = new Float64Array(d);
  const sigma = new Float64Array(d);
  const th = new Float64Array(d);

  for (let epoch = 0; epoch < settings.epochs; epoch++) {
    let policyLoss = 0;
    let entropy = 0;
    let approxKl = 0;
    let clipFraction = 0;
    for (let i = 0; i < nAgents; i++) {
      const tape = mlpForward(actors[i], obs[i], n);
      const out = tape.acts[tape.acts.length - 1]; // [n, 2d]: mean, raw log-std
      let surrSum = 0;
      let entSum = 0;
      let klSum = 0;
      let clippedCount = 0;
      for (let r = 0; r < n; r++) {
        const o = r * 2 * d;
        let logp = 0;
        for (let k = 0; k < d; k++) {
          // log-std bounded to [LOG_STD_MIN, LOG_STD_MAX] by tanh (mappo.ts policy()); tanh rounded to float32 as
          // tfjs has it, so that a saturated head (|raw| > ~9.5) gets exactly the zero gradient 1 - t^2 = 0 it gets
          // there (in float64 it would be ~1e-9, which Adam's normalisation turns into real steps)
          const t = Math.fround(Math.tanh(Math.fround(out[o + d + k] + logStdOffset)));
          const logStd = logStdMin + halfSpan * (t + 1);
          const s = Math.exp(logStd);
          const zk = (u[i][r * d + k] - out[o + k]) / s;
          // Gaussian log-density log N(u; mu, sigma) and entropy log sigma + 1/2 + log sqrt(2 pi), per entry
          logp += -0.5 * zk * zk - logStd - LOG_SQRT_2PI;
          entSum += logStd + 0.5 + LOG_SQRT_2PI;
          z[k] = zk;
          sigma[k] = s;
          th[k] = t;
        }
        const A = batch.advantages[r * H + (H === 1 ? 0 : i)]; // agent i's own advantage
        const logRatio = logp - oldLogp[i][r];
        const ratio = Math.exp(logRatio); // r_t(phi) of (47)
        const clippedRatio = ratio < lo ? lo : ratio > hi ? hi : ratio;
        const a = ratio * A;
        const b = clippedRatio * A;
        // (47): min(r A, clip(r, 1 - eps, 1 + eps) A); the gradient follows the smaller term (tfjs: to r A on ties)
        surrSum += a <= b ? a : b;
        const pass = a <= b || (ratio >= lo && ratio <= hi) ? 1 : 0;
        const dLogp = ((-A * pass) / n) * ratio; // d(-mean surr)/d log pi
        for (let k = 0; k < d; k++) {
          // d log N / d mu = z / sigma; d log N / d log sigma = z^2 - 1; the entropy bonus adds -coef / n to the latter
          dOut[o + k] = (dLogp * z[k]) / sigma[k];
          const dLogStd = dLogp * (z[k] * z[k] - 1) - entropyCoef / n;
          dOut[o + d + k] = dLogStd * halfSpan * Math.fround(1 - Math.fround(th[k] * th[k])); // tanh' in float32
        }
        klSum += ratio - 1 - logRatio; // approx KL (k3)
        if (Math.abs(ratio - 1) > clipRatio) clippedCount++;
      }
      clearGrads(actorGrads[i]);
      mlpBackward(actors[i], tape, dOut, actorGrads[i]);
      policyLoss += -surrSum / n;
      entropy += entSum / n;
      approxKl += klSum / n;
      clipFraction += clippedCount / n;
    }
    const actorGradNorm = hostAdamStep(actorOpt, flatGrads(actorGrads));

    // Critic: L^V (49) = mean over rows and heads of (V(s_t) - R_t)^2 on the normalised targets.
    const tape = mlpForward(critic, batch.states, n);
    const v = tape.acts[tape.acts.length - 1];
    const m = n * H;
    const dv = new Float32Array(m);
    let valueLoss = 0;
    for (let k = 0; k < m; k++) {
      const e = v[k] - batch.targets[k];
      valueLoss += e * e;
      dv[k] = (2 * e) / m;
    }
    clearGrads(criticGrads[0]);
    mlpBackward(critic, tape, dv, criticGrads[0]);
    const criticGradNorm = hostAdamStep(criticOpt, flatGrads(criticGrads));

    onStep({
      policyLoss: policyLoss / nAgents,
      entropy: entropy / nAgents,
      approxKl: approxKl / nAgents,
      clipFraction: clipFraction / nAgents,
      valueLoss: valueLoss / m,
      actorGradNorm,
      criticGradNorm,
    });
  }
}
