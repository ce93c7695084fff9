// Host (plain TypeScript) forward and backward of one MLP as networks.ts's StackedMlp member computes it:
// h_{l+1} = ReLU(h_l W_l + b_l) for the hidden layers, y = h_{L-1} W_{L-1} + b_{L-1} linear at the output;
// W_l is [in, out] row-major (the tfjs variable's layout), b_l is [out]. For the tiny matrices of the PPO
// update (30 rows, 64-wide layers) the per-op dispatch of tfjs costs far more than the arithmetic, so
// fast-ppo-update.ts runs the whole update here. Weights, activations and gradients are stored as float32, as
// tfjs stores them. The products run on the WebAssembly SIMD kernels (wasm-mlp-ops.ts, float32 sums as in tfjs)
// where the engine has them; `matMulABt` below (float64 sums, rounded once) is the fallback and the reference
// (VECWB_WASM_MLP=0 selects it).
import { wasmMlpOps, type WasmMlpOps } from './wasm-mlp-ops';

/** One network's parameters: w[l] ([sizes[l], sizes[l+1]] row-major) and b[l] ([sizes[l+1]]). */
export interface HostMlp {
  sizes: readonly number[];
  w: Float32Array[];
  b: Float32Array[];
}

/** Activations of a forward pass: acts[0] = the input, acts[l] = layer l's output ([rows, sizes[l]]). */
export interface MlpTape {
  rows: number;
  acts: Float32Array[];
}

/** Gradient accumulators shaped like a HostMlp's parameters. */
export interface MlpGrads {
  w: Float32Array[];
  b: Float32Array[];
}

export function zeroGrads(sizes: readonly number[]): MlpGrads {
  const w: Float32Array[] = [];
  const b: Float32Array[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    w.push(new Float32Array(sizes[l] * sizes[l + 1]));
    b.push(new Float32Array(sizes[l + 1]));
  }
  return { w, b };
}

export function clearGrads(g: MlpGrads): void {
  for (const a of g.w) a.fill(0);
  for (const a of g.b) a.fill(0);
}

/**
 * out[r, c] (+)= bias[c] + sum_k A[r, k] B[c, k] for A [R, K] and B [C, K] row-major: every product of the MLP is
 * this "A B^T" form, so each inner loop is a dot product over contiguous memory. Blocked 4 rows x 4 columns
 * (16 running sums share 8 loads), which is what makes the host path fast in V8; the edges run 4 x 1 and 1 x 4.
 */
export function matMulABt(
  A: Float32Array,
  R: number,
  B: Float32Array,
  C: number,
  K: number,
  out: Float32Array,
  bias: Float32Array | null,
  accumulate: boolean,
): void {
  const put = (o: number, c: number, v: number) => {
    out[o] = (accumulate ? out[o] : 0) + (bias ? bias[c] : 0) + v;
  };
  const C4 = C - (C % 4);
  let r = 0;
  for (; r + 4 <= R; r += 4) {
    const a0 = r * K;
    const a1 = a0 + K;
    const a2 = a1 + K;
    const a3 = a2 + K;
    for (let c = 0; c < C4; c += 4) {
      const b0 = c * K;
      const b1 = b0 + K;
      const b2 = b1 + K;
      const b3 = b2 + K;
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0; // prettier-ignore
      let s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0; // prettier-ignore
      for (let k = 0; k < K; k++) {
        const x0 = B[b0 + k];
        const x1 = B[b1 + k];
        const x2 = B[b2 + k];
        const x3 = B[b3 + k];
        const y0 = A[a0 + k];
        s00 += y0 * x0;
        s01 += y0 * x1;
        s02 += y0 * x2;
        s03 += y0 * x3;
        const y1 = A[a1 + k];
        s10 += y1 * x0;
        s11 += y1 * x1;
        s12 += y1 * x2;
        s13 += y1 * x3;
        const y2 = A[a2 + k];
        s20 += y2 * x0;
        s21 += y2 * x1;
        s22 += y2 * x2;
        s23 += y2 * x3;
        const y3 = A[a3 + k];
        s30 += y3 * x0;
        s31 += y3 * x1;
        s32 += y3 * x2;
        s33 += y3 * x3;
      }
      let o = r * C + c;
      put(o, c, s00);
      put(o + 1, c + 1, s01);
      put(o + 2, c + 2, s02);
      put(o + 3, c + 3, s03);
      o += C;
      put(o, c, s10);
      put(o + 1, c + 1, s11);
      put(o + 2, c + 2, s12);
      put(o + 3, c + 3, s13);
      o += C;
      put(o, c, s20);
      put(o + 1, c + 1, s21);
      put(o + 2, c + 2, s22);
      put(o + 3, c + 3, s23);
      o += C;
      put(o, c, s30);
      put(o + 1, c + 1, s31);
      put(o + 2, c + 2, s32);
      put(o + 3, c + 3, s33);
    }
    for (let c = C4; c < C; c++) {
      const b0 = c * K;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0; // prettier-ignore
      for (let k = 0; k < K; k++) {
        const x0 = B[b0 + k];
        s0 += A[a0 + k] * x0;
        s1 += A[a1 + k] * x0;
        s2 += A[a2 + k] * x0;
        s3 += A[a3 + k] * x0;
      }
      const o = r * C + c;
      put(o, c, s0);
      put(o + C, c, s1);
      put(o + 2 * C, c, s2);
      put(o + 3 * C, c, s3);
    }
  }
  for (; r < R; r++) {
    const a0 = r * K;
    let c = 0;
    for (; c < C4; c += 4) {
      const b0 = c * K;
      const b1 = b0 + K;
      const b2 = b1 + K;
      const b3 = b2 + K;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0; // prettier-ignore
      for (let k = 0; k < K; k++) {
        const y0 = A[a0 + k];
        s0 += y0 * B[b0 + k];
        s1 += y0 * B[b1 + k];
        s2 += y0 * B[b2 + k];
        s3 += y0 * B[b3 + k];
      }
      const o = r * C + c;
      put(o, c, s0);
      put(o + 1, c + 1, s1);
      put(o + 2, c + 2, s2);
      put(o + 3, c + 3, s3);
    }
    for (; c < C; c++) {
      const b0 = c * K;
      let s0 = 0;
      for (let k = 0; k < K; k++) s0 += A[a0 + k] * B[b0 + k];
      put(r * C + c, c, s0);
    }
  }
}

/** [R, C] row-major -> [C, R] row-major. */
export function transposeInto(src: Float32Array, R: number, C: number, out: Float32Array = new Float32Array(R * C)): Float32Array {
  for (let r = 0; r < R; r++) {
    const o = r * C;
    for (let c = 0; c < C; c++) out[c * R + r] = src[o + c];
  }
  return out;
}

/** Forward pass on x [rows, sizes[0]] (row-major): h_{l+1} = ReLU(h_l W_l + b_l), the last layer linear. */
export function mlpForward(net: HostMlp, x: Float32Array, rows: number, ops: WasmMlpOps | null = wasmMlpOps()): MlpTape {
  const { sizes, w, b } = net;
  const L = sizes.length - 1;
  const acts: Float32Array[] = [x]; // read only
  for (let l = 0; l < L; l++) {
    const nIn = sizes[l];
    const nOut = sizes[l + 1];
    const z = new Float32Array(rows * nOut);
    // z = h W + b = h (W^T)^T + b
    if (ops) ops.linear(acts[l], rows, nIn, w[l], nOut, b[l], z);
    else matMulABt(acts[l], rows, transposeInto(w[l], nIn, nOut), nOut, nIn, z, b[l], false);
    if (l < L - 1) for (let k = 0; k < z.length; k++) if (!(z[k] > 0)) z[k] = 0; // ReLU
    acts.push(z);
  }
  return { rows, acts };
}

/**
 * Backward pass: given dL/dy [rows, out] of the tape's forward pass, adds dL/dW_l = h_l^T dz_l and
 * dL/db_l = 1^T dz_l to `grads`, with dh_l = dz_l W_l^T masked by ReLU's derivative (1 where its output is > 0,
 * else 0: tfjs's step(x)). The input's gradient is not formed.
 */
export function mlpBackward(net: HostMlp, tape: MlpTape, dOut: Float32Array, grads: MlpGrads, ops: WasmMlpOps | null = wasmMlpOps()): void {
  const { sizes, w } = net;
  const { rows, acts } = tape;
  let dy = dOut;
  for (let l = sizes.length - 2; l >= 0; l--) {
    const nIn = sizes[l];
    const nOut = sizes[l + 1];
    const h = acts[l];
    const gB = grads.b[l];
    for (let j = 0; j < nOut; j++) {
      let sum = 0;
      for (let r = 0; r < rows; r++) sum += dy[r * nOut + j];
      gB[j] += sum;
    }
    // dW [nIn, nOut] = h^T dy = (h^T) (dy^T)^T
    if (ops) ops.gradW(h, rows, nIn, dy, nOut, grads.w[l]);
    else matMulABt(transposeInto(h, rows, nIn), nIn, transposeInto(dy, rows, nOut), nOut, rows, grads.w[l], null, true);
    if (l === 0) break;
    // dh [rows, nIn] = dy W^T, W read as [nIn, nOut]
    const dh = new Float32Array(rows * nIn);
    if (ops) ops.backInput(dy, rows, nOut, w[l], nIn, dh);
    else matMulABt(dy, rows, w[l], nIn, nOut, dh, null, false);
    for (let k = 0; k < dh.length; k++) if (!(h[k] > 0)) dh[k] = 0;
    dy = dh;
  }
}
