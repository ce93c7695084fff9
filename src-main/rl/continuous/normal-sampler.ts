// Seeded standard-normal draws for exploration noise and policy sampling, with a state that includes the
// cached second Box-Muller value, so a restored learner continues the exact same stream.
import { Random } from '../../sim/random';

export interface NormalSamplerState {
  rng: number[];
  spare: number | null;
}

export class NormalSampler {
  private spare: number | null = null;

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
    if (this.spare !== null) {
      const z = this.spare;
      this.spare = null;
      return z;
    }
    let u = 0;
    while (u === 0) u = this.rng.uniform();
    const v = this.rng.uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
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
    return { rng: this.rng.getState(), spare: this.spare };
  }

  setState(state: NormalSamplerState): void {
    this.rng = Random.fromState(state.rng);
    this.spare = state.spare;
  }
}
