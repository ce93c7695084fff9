// Fast standard-normal samples for the diffusion chain (eqs. 40 and the x^M ~ N(0, I) start).
// A training step needs ~0.8 M samples; tf.randomNormal and Box-Muller in JS cost tens of ns each, so this
// uses the ziggurat method of Marsaglia & Tsang (2000), 128 strips, driven by xoshiro128** (32-bit words).
// The strip index and the magnitude come from disjoint bits of one word (Doornik's fix of the original's
// correlation). Every stream is fully determined by its 32-bit seed, which the learner draws from
// src-main/sim/random.ts, so runs stay reproducible and the noise does not depend on thread layout.

const STRIPS = 128;
const R = 3.442619855899; // start of the tail
const AREA = 9.91256303526217e-3; // area of each strip
const SCALE = 2 ** 24; // magnitude part of a word: signed 25 bits

const kn = new Int32Array(STRIPS);
const wn = new Float64Array(STRIPS);
const fn = new Float64Array(STRIPS);
{
  let dn = R;
  let tn = dn;
  const q = AREA / Math.exp(-0.5 * dn * dn);
  kn[0] = Math.floor((dn / q) * SCALE);
  kn[1] = 0;
  wn[0] = q / SCALE;
  wn[STRIPS - 1] = dn / SCALE;
  fn[0] = 1;
  fn[STRIPS - 1] = Math.exp(-0.5 * dn * dn);
  for (let i = STRIPS - 2; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(AREA / dn + Math.exp(-0.5 * dn * dn)));
    kn[i + 1] = Math.floor((dn / tn) * SCALE);
    tn = dn;
    fn[i] = Math.exp(-0.5 * dn * dn);
    wn[i] = dn / SCALE;
  }
}

function splitmix32(state: number): [number, number] {
  const s = (state + 0x9e3779b9) | 0;
  let z = s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return [s, (z ^ (z >>> 16)) >>> 0];
}

export class FastNormal {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed: number) {
    if (!Number.isInteger(seed)) throw new RangeError(`noise seed must be an integer, got ${seed}`);
    let st = seed | 0;
    const words: number[] = [];
    for (let i = 0; i < 4; i++) {
      const [next, w] = splitmix32(st);
      st = next;
      words.push(w | 0);
    }
    [this.s0, this.s1, this.s2, this.s3] = words;
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** xoshiro128**: a signed 32-bit word. */
  nextInt32(): number {
    const s1 = this.s1;
    const m = Math.imul(s1, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9);
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return result;
  }

  /** U(0, 1), never 0 or 1. */
  uniform(): number {
    return ((this.nextInt32() >>> 0) + 0.5) / 4294967296;
  }

  normal(): number {
    const u = this.nextInt32();
    const iz = u & (STRIPS - 1);
    const hz = u >> 7;
    if (Math.abs(hz) < kn[iz]) return hz * wn[iz];
    return this.slowPath(hz, iz);
  }

  private slowPath(hz0: number, iz0: number): number {
    let hz = hz0;
    let iz = iz0;
    for (;;) {
      if (iz === 0) {
        // The tail beyond R (Marsaglia's exponential rejection).
        let x: number;
        let y: number;
        do {
          x = -Math.log(this.uniform()) / R;
          y = -Math.log(this.uniform());
        } while (y + y < x * x);
        return hz > 0 ? R + x : -R - x;
      }
      const x = hz * wn[iz];
      if (fn[iz] + this.uniform() * (fn[iz - 1] - fn[iz]) < Math.exp(-0.5 * x * x)) return x;
      const u = this.nextInt32();
      iz = u & (STRIPS - 1);
      hz = u >> 7;
      if (Math.abs(hz) < kn[iz]) return hz * wn[iz];
    }
  }

  /** Fills out[start..end) with scale * N(0, 1) samples. */
  fill(out: Float32Array, scale = 1, start = 0, end = out.length): Float32Array {
    for (let i = start; i < end; i++) out[i] = scale * this.normal();
    return out;
  }
}
