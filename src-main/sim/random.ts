// Seeded random source shared by the simulators and policies. Wraps pure-rand's xoroshiro128+ and adds
// the continuous distributions the models need. The state can be saved and restored (run resume).
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus, xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';

type Generator = ReturnType<typeof xoroshiro128plus>;

export class Random {
  private gen: Generator;
  private spareNormal: number | null = null;

  private constructor(gen: Generator) {
    this.gen = gen;
  }

  static fromSeed(seed: number): Random {
    if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
    const rng = new Random(xoroshiro128plus(seed | 0));
    // Discard the first outputs: xoroshiro seeded from a small integer starts with correlated words.
    for (let i = 0; i < 16; i++) rng.gen.next();
    return rng;
  }

  /** `normalSpare`: the cached second Box-Muller value of the saved stream (see normalSpare), for an exact resume. */
  static fromState(state: readonly number[], normalSpare: number | null = null): Random {
    const rng = new Random(xoroshiro128plusFromState(state));
    rng.spareNormal = normalSpare;
    return rng;
  }

  getState(): number[] {
    return [...this.gen.getState()];
  }

  /** The second value of the last Box-Muller pair, not drawn yet (null when none is cached). */
  get normalSpare(): number | null {
    return this.spareNormal;
  }

  /** An independent stream derived from this one (does not consume its draws beyond one word). */
  fork(): Random {
    return Random.fromSeed(this.gen.next());
  }

  /** U[0, 1). */
  uniform(): number {
    return uniformFloat64(this.gen);
  }

  /** U[lo, hi). */
  uniformIn(lo: number, hi: number): number {
    return lo + (hi - lo) * this.uniform();
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.min(n - 1, Math.floor(this.uniform() * n));
  }

  /** Standard normal draw (Box-Muller, the second value is cached). */
  normal(): number {
    if (this.spareNormal !== null) {
      const z = this.spareNormal;
      this.spareNormal = null;
      return z;
    }
    let u = 0;
    while (u === 0) u = this.uniform();
    const v = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** Exp(1): the power gain |u|^2 of a unit-power Rayleigh fading coefficient. */
  exponential(): number {
    let u = 0;
    while (u === 0) u = this.uniform();
    return -Math.log(u);
  }

  /** In-place Fisher-Yates shuffle. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }
}
