// The three matrix products of fast-mlp.ts's forward and backward, on the WebAssembly SIMD kernels
// (kernels/fused.ts: gemm with 4 x 8 register blocks and FMA where the engine has relaxed SIMD, the blocked
// transpose) over a memory of their own. Operands are copied in, the product copied out: for the PPO update's
// matrices (30 rows, 64-wide layers) the copies cost ~1/5 of the arithmetic, and the kernel runs ~5x faster
// than the float64 JavaScript loops of fast-mlp.ts's matMulABt, which stays as the fallback and the reference.
// Sums run in float32 (FMA rounds once per multiply-add), as tfjs's own matMul sums.
import { standaloneKernels, type FusedKernelExports } from '../nn/fused';

const PAGE = 65536;

export class WasmMlpOps {
  private f32: Float32Array;
  private top = 0;

  private constructor(
    private readonly k: FusedKernelExports,
    private readonly memory: WebAssembly.Memory,
  ) {
    this.f32 = new Float32Array(memory.buffer);
  }

  /** A new instance, or null where the engine has no WebAssembly SIMD. */
  static create(): WasmMlpOps | null {
    try {
      const { k, memory } = standaloneKernels(16);
      return new WasmMlpOps(k, memory);
    } catch {
      return null;
    }
  }

  /** Starts a new product: room for `floats` floats (in 16-byte aligned blocks), growing the memory if needed. */
  private begin(floats: number): void {
    const bytes = floats * 4 + 64 * 4;
    if (bytes > this.memory.buffer.byteLength) this.memory.grow(Math.ceil((bytes - this.memory.buffer.byteLength) / PAGE));
    if (this.f32.buffer !== this.memory.buffer) this.f32 = new Float32Array(this.memory.buffer);
    this.top = 0;
  }

  /** Reserves n floats; returns the byte offset. */
  private alloc(n: number): number {
    const at = this.top;
    this.top += (n + 3) & ~3;
    return at * 4;
  }

  private put(src: Float32Array, n: number = src.length): number {
    const p = this.alloc(n);
    this.f32.set(n === src.length ? src : src.subarray(0, n), p / 4);
    return p;
  }

  private take(p: number, n: number, out: Float32Array, accumulate: boolean): void {
    const view = this.f32.subarray(p / 4, p / 4 + n);
    if (!accumulate) out.set(view);
    else for (let i = 0; i < n; i++) out[i] += view[i];
  }

  /** out[rows, N] = x[rows, K] W[K, N] (+ b[N]), all row-major. */
  linear(x: Float32Array, rows: number, K: number, W: Float32Array, N: number, b: Float32Array | null, out: Float32Array): void {
    this.begin(rows * K + K * N + N + rows * N + 16);
    const px = this.put(x, rows * K);
    const pw = this.put(W, K * N);
    const pb = b ? this.put(b, N) : 0;
    const pc = this.alloc(rows * N);
    this.k.gemm(px, pw, pb, pc, rows, K, N);
    this.take(pc, rows * N, out, false);
  }

  /** gW[K, N] += h[rows, K]^T dy[rows, N] (the weight gradient of a layer). */
  gradW(h: Float32Array, rows: number, K: number, dy: Float32Array, N: number, gW: Float32Array): void {
    this.begin(2 * rows * K + rows * N + K * N + 16);
    const ph = this.put(h, rows * K);
    const pd = this.put(dy, rows * N);
    const pt = this.alloc(rows * K);
    this.k.transposeInto(ph, rows, K, pt, rows, 0); // h^T [K, rows]
    const pc = this.alloc(K * N);
    this.k.gemm(pt, pd, 0, pc, K, rows, N);
    this.take(pc, K * N, gW, true);
  }

  /** out[rows, K] = dy[rows, N] W[K, N]^T (the gradient with respect to a layer's input). */
  backInput(dy: Float32Array, rows: number, N: number, W: Float32Array, K: number, out: Float32Array): void {
    this.begin(rows * N + 2 * K * N + rows * K + 16);
    const pd = this.put(dy, rows * N);
    const pw = this.put(W, K * N);
    const pt = this.alloc(K * N);
    this.k.transposeInto(pw, K, N, pt, K, 0); // W^T [N, K]
    const pc = this.alloc(rows * K);
    this.k.gemm(pd, pt, 0, pc, rows, N, K);
    this.take(pc, rows * K, out, false);
  }
}

let shared: WasmMlpOps | null | undefined;

/** This thread's instance (null without WebAssembly SIMD, or when VECWB_WASM_MLP=0 asks for the JavaScript loops). */
export function wasmMlpOps(env: Record<string, string | undefined> = process.env): WasmMlpOps | null {
  if (env.VECWB_WASM_MLP === '0') return null;
  if (shared === undefined) shared = WasmMlpOps.create();
  return shared;
}
