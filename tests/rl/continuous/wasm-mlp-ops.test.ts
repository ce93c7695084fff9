// The WebAssembly products of the host MLP (wasm-mlp-ops.ts) against fast-mlp.ts's float64 JavaScript loops and a
// hand-computed case: the forward, both gradients, odd shapes (rows and widths not multiples of 4 or 8), a product
// large enough to grow the kernel memory, and a whole forward + backward through mlpForward / mlpBackward.
import { describe, expect, it } from 'vitest';
import { clearGrads, matMulABt, mlpBackward, mlpForward, transposeInto, zeroGrads, type HostMlp } from '../../../src-main/rl/continuous/fast-mlp';
import { WasmMlpOps, wasmMlpOps } from '../../../src-main/rl/continuous/wasm-mlp-ops';
import { Random } from '../../../src-main/sim/random';

const ops = WasmMlpOps.create();
const rand = (rng: Random, n: number) => Float32Array.from({ length: n }, () => rng.uniformIn(-1, 1));

function expectClose(a: Float32Array, b: Float32Array, rel = 1e-5): void {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / (1 + Math.abs(b[i])));
  expect(worst).toBeLessThan(rel);
}

describe('WasmMlpOps', () => {
  it('loads on this engine (Node has WebAssembly SIMD) and can be switched off', () => {
    expect(ops).not.toBeNull();
    expect(wasmMlpOps({ VECWB_WASM_MLP: '0' })).toBeNull();
  });

  it('computes a hand-checked 2 x 3 by 3 x 2 product with bias', () => {
    const out = new Float32Array(4);
    // [1 2 3; 4 5 6] [1 0; 0 1; 1 1] + [10, 20] = [14 25; 20 31]
    ops!.linear(Float32Array.of(1, 2, 3, 4, 5, 6), 2, 3, Float32Array.of(1, 0, 0, 1, 1, 1), 2, Float32Array.of(10, 20), out);
    expect([...out]).toEqual([14, 25, 20, 31]);
  });

  for (const [rows, K, N] of [
    [30, 64, 64],
    [30, 13, 6],
    [1, 7, 3],
    [5, 64, 1],
    [33, 130, 70],
  ]) {
    it(`matches the float64 loops for rows ${rows}, K ${K}, N ${N}`, () => {
      const rng = Random.fromSeed(rows * 1000 + K * 10 + N);
      const x = rand(rng, rows * K);
      const W = rand(rng, K * N);
      const b = rand(rng, N);
      const dy = rand(rng, rows * N);
      // forward: x W + b
      const want = new Float32Array(rows * N);
      matMulABt(x, rows, transposeInto(W, K, N), N, K, want, b, false);
      const got = new Float32Array(rows * N);
      ops!.linear(x, rows, K, W, N, b, got);
      expectClose(got, want);
      // weight gradient, accumulated onto what is there
      const g0 = rand(rng, K * N);
      const wantG = Float32Array.from(g0);
      matMulABt(transposeInto(x, rows, K), K, transposeInto(dy, rows, N), N, rows, wantG, null, true);
      const gotG = Float32Array.from(g0);
      ops!.gradW(x, rows, K, dy, N, gotG);
      expectClose(gotG, wantG);
      // input gradient: dy W^T
      const wantH = new Float32Array(rows * K);
      matMulABt(dy, rows, W, K, N, wantH, null, false);
      const gotH = new Float32Array(rows * K);
      ops!.backInput(dy, rows, N, W, K, gotH);
      expectClose(gotH, wantH);
    });
  }

  it('grows its memory for a product larger than the initial pages, then still computes small ones', () => {
    const rng = Random.fromSeed(9);
    const rows = 256, K = 512, N = 300; // ~1.3 MB of operands, beyond the 1 MiB it starts with
    const x = rand(rng, rows * K);
    const W = rand(rng, K * N);
    const want = new Float32Array(rows * N);
    matMulABt(x, rows, transposeInto(W, K, N), N, K, want, null, false);
    const got = new Float32Array(rows * N);
    ops!.linear(x, rows, K, W, N, null, got);
    expectClose(got, want, 2e-5);
    const small = new Float32Array(1);
    ops!.linear(Float32Array.of(2), 1, 1, Float32Array.of(3), 1, Float32Array.of(1), small);
    expect(small[0]).toBe(7);
  });

  it('gives mlpForward / mlpBackward the results of the JavaScript loops', () => {
    const rng = Random.fromSeed(4);
    const sizes = [13, 64, 64, 6];
    const net: HostMlp = { sizes, w: [], b: [] };
    for (let l = 0; l + 1 < sizes.length; l++) {
      net.w.push(rand(rng, sizes[l] * sizes[l + 1]));
      net.b.push(rand(rng, sizes[l + 1]));
    }
    const rows = 30;
    const x = rand(rng, rows * sizes[0]);
    const dOut = rand(rng, rows * 6);
    const runs = [ops, null].map((o) => {
      const tape = mlpForward(net, x, rows, o);
      const g = zeroGrads(sizes);
      clearGrads(g);
      mlpBackward(net, tape, dOut, g, o);
      return { y: tape.acts[sizes.length - 1], g };
    });
    expectClose(runs[0].y, runs[1].y);
    runs[0].g.w.forEach((w, l) => expectClose(w, runs[1].g.w[l]));
    runs[0].g.b.forEach((b, l) => expectClose(b, runs[1].g.b[l]));
  });
});
