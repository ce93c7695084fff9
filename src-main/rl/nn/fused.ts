// Fused element-wise kernels for the tfjs-wasm backend (kernels/fused.ts, AssemblyScript with SIMD).
//
// On tfjs-wasm an element-wise op costs ~15-25 us of dispatch (engine bookkeeping, allocation, tidy) while its
// arithmetic on a [64, 256] block takes ~5 us; Mish with its derivative is 14 such ops. These kernels share
// tfjs-wasm's own WebAssembly memory (imported by the kernel module) and run on tensors where they lie: one
// call reads a matMul's output and writes the activation and its derivative in place. The matMuls stay in
// tfjs (XNNPACK). Only the wasm backend has them; `fusedKernels()` is null elsewhere, and when
// VECWB_FUSED_KERNELS=0 (the per-op tf path, kept as the reference: tests compare the two).
//
// Rule: a kernel writes only into tensors made for it (`out`) or fresh results of a matMul that nothing else
// holds yet; tfjs-wasm caches packed matMul weights per tensor, so a tensor already used as a matMul operand
// must never change in place.
import v8 from 'node:v8';
import * as tf from '@tensorflow/tfjs';
import { FUSED_KERNELS_PLAIN_WASM_BASE64, FUSED_KERNELS_RELAXED_WASM_BASE64 } from './fused-kernels-wasm';

/** Exports of kernels/fused.ts; pointers are byte offsets in the tfjs-wasm heap, 0 means "none". */
export interface FusedKernelExports {
  act(pre: number, add: number, bias: number, y: number, d: number, rows: number, cols: number, kind: number): void;
  stepMean(x: number, eps: number, noise: number, out: number, n: number, cx: number, ce: number): void;
  stepClip(x: number, eps: number, noise: number, out: number, mask: number, n: number, ax: number, ae: number, p0: number, px: number): void;
  mulFlush(a: number, b: number, out: number, n: number): void;
  axpy(a: number, c: number, b: number, out: number, n: number): void;
  clipBack(dx: number, mask: number, dX: number, dEps: number, out: number, n: number, cEps: number, cThrough: number, cDirect: number): void;
  transposeInto(src: number, rows: number, cols: number, dst: number, dstStride: number, colOff: number): void;
  gemm(a: number, b: number, bias: number, c: number, M: number, K: number, N: number): void;
  adam(g: number, m: number, v: number, p: number, q: number, outP: number, outQ: number, n: number, gradScale: number, b1: number, c1: number, b2: number, c2: number, stepSize: number, sqrtBc2: number, eps: number, tau: number, u: number): void;
  sumSquares(a: number, n: number): number;
  chainDecide(plan: number): void;
}

export interface FusedKernels {
  readonly k: FusedKernelExports;
  /** True when the module has relaxed SIMD: its FMA matMul then replaces tfjs's (`matMul` below). */
  readonly relaxed: boolean;
  /**
   * x W (+ b) by the kernel's FMA matMul when `relaxed`, else by tfjs (XNNPACK). The FMA rounds once per
   * multiply-add, so results differ from XNNPACK's in the last bits (~1e-7 relative), not more.
   */
  matMul(x: tf.Tensor2D, w: tf.Tensor2D, b?: tf.Tensor1D | null): tf.Tensor2D;
  /** Byte offset of a tensor's data in the tfjs-wasm heap. */
  ptr(t: tf.Tensor): number;
  /** The tfjs-wasm heap (take it after the last allocation: a growing heap replaces the buffer). */
  heap(): ArrayBuffer;
  /** A new float32 tensor with uninitialised data (tracked by tf.tidy like any other). */
  out<R extends tf.Rank>(shape: number[]): tf.Tensor<R>;
  /** W^T as a new tensor, by the kernel's blocked transpose (tfjs-wasm's Transpose is ~5x slower). */
  transpose(w: tf.Tensor2D): tf.Tensor2D;
  /** The row-wise concatenation of `parts` (each [r_k, c]), transposed: [c, sum r_k]. */
  concatTransposed(parts: readonly tf.Tensor2D[]): tf.Tensor2D;
}

interface WasmBackendShape {
  wasm: { asm?: { memory?: WebAssembly.Memory }; wasmMemory?: WebAssembly.Memory };
  dataIdMap: { get(id: object): { memoryOffset: number } | undefined };
  makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo;
}

let module: { module: WebAssembly.Module; relaxed: boolean } | null = null;
let cached: { backend: object; fused: FusedKernels } | null = null;

/** Whether the fused path is switched on (VECWB_FUSED_KERNELS=0 turns it off; read on every call). */
export function fusedKernelsEnabled(): boolean {
  return typeof process === 'undefined' || process.env.VECWB_FUSED_KERNELS !== '0';
}

/** A module using one relaxed-SIMD instruction (f32x4.relaxed_madd), to probe the engine. */
const RELAXED_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 61, 1, 59, 0,
  ...[0, 1, 2].flatMap(() => [0xfd, 0x0c, ...new Array<number>(16).fill(0)]),
  0xfd, 0x85, 0x02, 0x0b,
]);

let relaxedSupport: boolean | null = null;

/**
 * Whether WebAssembly relaxed SIMD is available, enabling it first where the engine has it behind a flag
 * (Node 20's V8 11.3; standard from V8 11.4, i.e. Node >= 22 and Electron). VECWB_RELAXED_SIMD=0 refuses it.
 */
export function relaxedSimd(): boolean {
  if (relaxedSupport !== null) return relaxedSupport;
  if (typeof process !== 'undefined' && process.env.VECWB_RELAXED_SIMD === '0') return (relaxedSupport = false);
  if (!WebAssembly.validate(RELAXED_PROBE)) {
    try {
      v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
    } catch {
      // not Node: stay without
    }
  }
  relaxedSupport = WebAssembly.validate(RELAXED_PROBE);
  return relaxedSupport;
}

function kernelModule(): { module: WebAssembly.Module; relaxed: boolean } {
  if (!module) {
    const relaxed = relaxedSimd();
    module = { module: new WebAssembly.Module(Buffer.from(relaxed ? FUSED_KERNELS_RELAXED_WASM_BASE64 : FUSED_KERNELS_PLAIN_WASM_BASE64, 'base64')), relaxed };
  }
  return module;
}

/**
 * The same kernels over a memory of their own (`initialPages` of 64 KiB), for host-side code that is not on
 * tfjs-wasm's heap (the paper-2 PPO update, rl/continuous/wasm-mlp-ops.ts). Pointers are byte offsets in `memory`.
 */
export function standaloneKernels(initialPages: number): { k: FusedKernelExports; memory: WebAssembly.Memory; relaxed: boolean } {
  const km = kernelModule();
  const memory = new WebAssembly.Memory({ initial: initialPages });
  const k = new WebAssembly.Instance(km.module, { env: { memory } }).exports as unknown as FusedKernelExports;
  return { k, memory, relaxed: km.relaxed };
}

/** The kernels bound to the active tfjs-wasm backend, or null (other backend, or switched off). */
export function fusedKernels(): FusedKernels | null {
  if (!fusedKernelsEnabled() || tf.getBackend() !== 'wasm') return null;
  const be = tf.backend() as unknown as WasmBackendShape;
  if (cached && cached.backend === be) return cached.fused;
  const memory = be.wasm.asm?.memory ?? be.wasm.wasmMemory;
  if (!(memory instanceof WebAssembly.Memory)) return null;
  const km = kernelModule();
  const k = new WebAssembly.Instance(km.module, { env: { memory } }).exports as unknown as FusedKernelExports;
  const engine = tf.engine();
  const ptr = (t: tf.Tensor): number => {
    const info = be.dataIdMap.get(t.dataId);
    if (!info) throw new Error('fused kernels: tensor is disposed');
    return info.memoryOffset;
  };
  const out = <R extends tf.Rank>(shape: number[]): tf.Tensor<R> => engine.makeTensorFromTensorInfo(be.makeOutput(shape, 'float32')) as tf.Tensor<R>;
  const fused: FusedKernels = {
    k,
    relaxed: km.relaxed,
    ptr,
    heap: () => memory.buffer,
    out,
    matMul(x, w, b) {
      if (!km.relaxed) return (b ? tf.fused.matMul({ a: x, b: w, bias: b }) : tf.matMul(x, w)) as tf.Tensor2D;
      const [M, K] = x.shape;
      const [K2, N] = w.shape;
      if (K !== K2) throw new Error(`matMul: [${x.shape}] x [${w.shape}]`);
      if (b && b.size !== N) throw new Error(`matMul: bias of ${b.size} for ${N} columns`);
      const c = out<tf.Rank.R2>([M, N]);
      k.gemm(ptr(x), ptr(w), b ? ptr(b) : 0, ptr(c), M, K, N);
      return c;
    },
    transpose(w) {
      const [r, c] = w.shape;
      const t = out<tf.Rank.R2>([c, r]);
      k.transposeInto(ptr(w), r, c, ptr(t), r, 0);
      return t;
    },
    concatTransposed(parts) {
      const c = parts[0].shape[1];
      const rows = parts.reduce((s, p) => s + p.shape[0], 0);
      const t = out<tf.Rank.R2>([c, rows]);
      const dst = ptr(t);
      let off = 0;
      for (const p of parts) {
        if (p.shape[1] !== c) throw new Error('fused kernels: concatTransposed parts differ in width');
        k.transposeInto(ptr(p), p.shape[0], c, dst, rows, off);
        off += p.shape[0];
      }
      return t;
    },
  };
  cached = { backend: be, fused };
  return fused;
}
