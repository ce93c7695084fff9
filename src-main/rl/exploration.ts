// Action selection of Sec. 7.4.2: a_i = argmax over legal actions of Q_theta_i(s_i) (eq. 54), with
// epsilon-greedy exploration during training (epsilon annealed linearly over env steps, as in pymarl).
import type { Random } from '../sim/random';

export interface EpsilonSchedule {
  start: number;
  finish: number;
  annealSteps: number;
}

/** Linear anneal from start to finish over annealSteps env steps, then constant. */
export function epsilonAt(envSteps: number, s: EpsilonSchedule): number {
  if (s.annealSteps <= 0 || envSteps >= s.annealSteps) return s.finish;
  return s.start + (s.finish - s.start) * (envSteps / s.annealSteps);
}

/** eq. (54) with action masking: illegal actions count as -infinity; ties go to the lowest index. */
export function greedyAction(q: Float32Array, mask?: Uint8Array): number {
  let best = -1;
  let bestV = -Infinity;
  for (let a = 0; a < q.length; a++) {
    if (mask && !mask[a]) continue;
    if (best < 0 || q[a] > bestV) {
      best = a;
      bestV = q[a];
    }
  }
  if (best < 0) throw new Error('no legal action: the action mask is all zeros');
  return best;
}

/** A uniformly random legal action. */
export function randomLegalAction(n: number, mask: Uint8Array | undefined, rng: Random): number {
  if (!mask) return rng.int(n);
  let legal = 0;
  for (let a = 0; a < n; a++) if (mask[a]) legal++;
  if (legal === 0) throw new Error('no legal action: the action mask is all zeros');
  let k = rng.int(legal);
  for (let a = 0; a < n; a++) if (mask[a] && k-- === 0) return a;
  return n - 1;
}
