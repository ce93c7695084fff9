// Seeded standard-normal draws for exploration noise and policy sampling (Random.normal of sim/random.ts), with a
// state that includes the cached second Box-Muller value, so a restored learner continues the exact same stream.
import { Random } from '../../sim/random';

export interface NormalSamplerState {
  rng: number[];
  spare: number | null;
}

export class NormalSampler {
  constructor(private rng: Random) {}

  static fromSeed(seed: number): NormalSampler {
    return new NormalSampler(Random.fromSeed(seed));
  }

  /** U[0, 1) from the same stream (uniform warm-up actions, minibatch shuffles, replay indices). */
  uniform(): number {
    return this.rng.uniform();
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return this.rng.int(n);
  }

  normal(): number {
    return this.rng.normal();
  }

  fill(out: Float32Array): Float32Array {
    for (let i = 0; i < out.length; i++) out[i] = this.normal();
    return out;
  }

  /** In-place Fisher-Yates shuffle. */
  shuffle(items: Int32Array): Int32Array {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.rng.int(i + 1);
      const t = items[i];
      items[i] = items[j];
      items[j] = t;
    }
    return items;
  }

  getState(): NormalSamplerState {
    return { rng: this.rng.getState(), spare: this.rng.normalSpare };
  }

  setState(state: NormalSamplerState): void {
    this.rng = Random.fromState(state.rng, state.spare);
  }
}
