// AssemblyScript source of the fused element-wise kernels of the agent networks (built by
// `npm run build:kernels` into src-main/rl/nn/fused-kernels-wasm.ts; see docs/performance.md).
//
// The module imports tfjs-wasm's own memory: every pointer is the byte offset of a float32 tensor in the
// tfjs-wasm heap, so a kernel reads the output of an XNNPACK matMul and writes its result in place, with
// no copy and no op dispatch. It has no data segment and allocates nothing (it writes only where told).
// Each kernel does in one pass what the tf-op path does in 5-15 ops: the same float32 operations in the same
// order for the linear parts (the reverse step, the backward products), an algebraically equal form with
// fewer divisions for Mish (within a few ulp of the tf path's), FMA in the matMul. Lanes and the scalar tail
// compute identical values, so results do not depend on a tensor's length.

// exp(x) for x <= 0 (Cephes expf: x = n ln2 + r, |r| <= ln2/2, degree-7 polynomial, 2^n via the exponent).
// @ts-ignore: decorator
@inline const LOG2E: f32 = 1.44269504088896341;
// @ts-ignore: decorator
@inline const LN2_HI: f32 = 0.693359375;
// @ts-ignore: decorator
@inline const LN2_LO: f32 = -2.12194440e-4;
// @ts-ignore: decorator
@inline const P0: f32 = 1.9875691500e-4;
// @ts-ignore: decorator
@inline const P1: f32 = 1.3981999507e-3;
// @ts-ignore: decorator
@inline const P2: f32 = 8.3334519073e-3;
// @ts-ignore: decorator
@inline const P3: f32 = 4.1665795894e-2;
// @ts-ignore: decorator
@inline const P4: f32 = 1.6666665459e-1;
// @ts-ignore: decorator
@inline const P5: f32 = 5.0000001201e-1;
// @ts-ignore: decorator
@inline const X_MIN: f32 = -87.0;
// @ts-ignore: decorator
@inline const MAGIC: f32 = 12582912.0; // 1.5 * 2^23
// @ts-ignore: decorator
@inline const MAGIC_BITS: i32 = 0x4b400000;
/** sigmoid(v) < 1e-20 exactly where v < log(1e-20) = -46.0517: Mish's s and r are flushed to 0 there (flush.ts). */
// @ts-ignore: decorator
@inline const V_FLUSH: f32 = -46.0517019;
/** Values below this magnitude are flushed to 0 (src-main/rl/nn/flush.ts: no subnormals into matMuls). */
// @ts-ignore: decorator
@inline const FLUSH: f32 = 1e-20;

// @ts-ignore: decorator
@inline function expNeg4(x0: v128): v128 {
  const x = f32x4.max(x0, f32x4.splat(X_MIN));
  // n = nearest(x log2 e) by the 1.5 * 2^23 trick: t's low mantissa bits then hold n as an integer
  const t = f32x4.add(f32x4.mul(x, f32x4.splat(LOG2E)), f32x4.splat(MAGIC));
  const n = f32x4.sub(t, f32x4.splat(MAGIC));
  let r = f32x4.sub(x, f32x4.mul(n, f32x4.splat(LN2_HI)));
  r = f32x4.sub(r, f32x4.mul(n, f32x4.splat(LN2_LO)));
  let p = f32x4.add(f32x4.mul(f32x4.splat(P0), r), f32x4.splat(P1));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(P2));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(P3));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(P4));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(P5));
  p = f32x4.add(f32x4.add(f32x4.mul(f32x4.mul(p, r), r), r), f32x4.splat(1.0));
  const scale = i32x4.shl(i32x4.add(i32x4.sub(t, i32x4.splat(MAGIC_BITS)), i32x4.splat(127)), 23);
  return f32x4.mul(p, scale);
}

// @ts-ignore: decorator
@inline function expNeg1(x0: f32): f32 {
  const x = max<f32>(x0, X_MIN);
  const t: f32 = x * LOG2E + MAGIC;
  const n: f32 = t - MAGIC;
  let r: f32 = x - n * LN2_HI;
  r = r - n * LN2_LO;
  let p: f32 = P0 * r + P1;
  p = p * r + P2;
  p = p * r + P3;
  p = p * r + P4;
  p = p * r + P5;
  p = p * r * r + r + 1.0;
  return p * reinterpret<f32>((reinterpret<i32>(t) - MAGIC_BITS + 127) << 23);
}

/**
 * Hidden-layer activation with its derivative over a [rows, cols] block: v = pre + (add + bias[col]) (add and
 * bias optional: 0), y = act(v), d = act'(v) (d = 0: not wanted). y may be pre itself.
 * kind 0: Mish, y = v r with r = tanh(softplus(v)), d = r + v s (1 - r^2) with s = sigmoid(v) (src-main/rl/nn/
 * mish.ts). With e = exp(-|v|) (never overflows): r = (1 + 2e) / (1 + 2e + 2e^2) for v >= 0 and
 * (e^2 + 2e) / (e^2 + 2e + 2) for v < 0 (tanh(log(1 + e^v)) = ((1+e^v)^2 - 1) / ((1+e^v)^2 + 1)), s = 1/(1+e) or
 * e/(1+e). Where s < 1e-20 (v < -46) s and r are 0, as the tf path's flush makes them (flush.ts).
 * kind 1: ReLU, d = step(v).
 */
export function act(pre: usize, add: usize, bias: usize, y: usize, d: usize, rows: i32, cols: i32, kind: i32): void {
  const c4 = cols & ~3;
  const one4 = f32x4.splat(1.0);
  const two4 = f32x4.splat(2.0);
  const zero4 = f32x4.splat(0.0);
  for (let row = 0; row < rows; row++) {
    const base = (<usize>row * <usize>cols) << 2;
    for (let c = 0; c < c4; c += 4) {
      const o = base + (<usize>c << 2);
      let v = v128.load(pre + o);
      if (add) {
        let a = v128.load(add + o);
        if (bias) a = f32x4.add(a, v128.load(bias + (<usize>c << 2)));
        v = f32x4.add(v, a);
      } else if (bias) v = f32x4.add(v, v128.load(bias + (<usize>c << 2)));
      if (kind == 1) {
        const pos = f32x4.gt(v, zero4);
        v128.store(y + o, v128.and(v, pos));
        if (d) v128.store(d + o, v128.and(one4, pos));
        continue;
      }
      const e = expNeg4(f32x4.neg(f32x4.abs(v))); // e^{-|v|}
      const nonneg = f32x4.ge(v, zero4);
      const twoE = f32x4.add(e, e);
      const num = v128.bitselect(f32x4.add(one4, twoE), f32x4.mul(e, f32x4.add(e, two4)), nonneg);
      const den = f32x4.add(num, v128.bitselect(f32x4.mul(twoE, e), two4, nonneg));
      const keep = f32x4.gt(v, f32x4.splat(V_FLUSH)); // s >= 1e-20
      const r = v128.and(f32x4.div(num, den), keep);
      v128.store(y + o, f32x4.mul(v, r));
      if (d) {
        const s = v128.and(f32x4.div(v128.bitselect(one4, e, nonneg), f32x4.add(one4, e)), keep);
        v128.store(d + o, f32x4.add(r, f32x4.mul(f32x4.mul(v, s), f32x4.sub(one4, f32x4.mul(r, r)))));
      }
    }
    for (let c = c4; c < cols; c++) {
      const o = base + (<usize>c << 2);
      let v = load<f32>(pre + o);
      if (add) {
        let a = load<f32>(add + o);
        if (bias) a = a + load<f32>(bias + (<usize>c << 2));
        v = v + a;
      } else if (bias) v = v + load<f32>(bias + (<usize>c << 2));
      if (kind == 1) {
        store<f32>(y + o, v > 0 ? v : 0);
        if (d) store<f32>(d + o, v > 0 ? 1 : 0);
        continue;
      }
      const e = expNeg1(-abs<f32>(v));
      const twoE: f32 = e + e;
      const num: f32 = v >= 0 ? 1 + twoE : e * (e + 2);
      const den: f32 = num + (v >= 0 ? twoE * e : 2);
      const keep = v > V_FLUSH;
      const r: f32 = keep ? num / den : 0;
      store<f32>(y + o, v * r);
      if (d) {
        const s: f32 = keep ? (v >= 0 ? <f32>1 : e) / (1 + e) : 0;
        store<f32>(d + o, r + v * s * (1 - r * r));
      }
    }
  }
}

/** One reverse step, eqs. (39)-(40): out = (x cx - eps ce) + noise (noise = 0: none). out may be eps. */
export function stepMean(x: usize, eps: usize, noise: usize, out: usize, n: i32, cx: f32, ce: f32): void {
  const n4 = n & ~3;
  const cx4 = f32x4.splat(cx);
  const ce4 = f32x4.splat(ce);
  for (let i = 0; i < n4; i += 4) {
    const o = <usize>i << 2;
    let v = f32x4.sub(f32x4.mul(v128.load(x + o), cx4), f32x4.mul(v128.load(eps + o), ce4));
    if (noise) v = f32x4.add(v, v128.load(noise + o));
    v128.store(out + o, v);
  }
  for (let i = n4; i < n; i++) {
    const o = <usize>i << 2;
    let v: f32 = load<f32>(x + o) * cx - load<f32>(eps + o) * ce;
    if (noise) v = v + load<f32>(noise + o);
    store<f32>(out + o, v);
  }
}

/**
 * The same step through x0-hat clipped to [-1, 1] (clipDenoised): x0 = x ax - eps ae, mask = [|x0| <= 1],
 * out = (clip(x0) p0 + x px) + noise. out may be eps.
 */
export function stepClip(x: usize, eps: usize, noise: usize, out: usize, mask: usize, n: i32, ax: f32, ae: f32, p0: f32, px: f32): void {
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 2;
    const xv = load<f32>(x + o);
    const x0: f32 = xv * ax - load<f32>(eps + o) * ae;
    if (mask) store<f32>(mask + o, abs<f32>(x0) <= 1 ? 1 : 0);
    const x0c = min<f32>(1, max<f32>(-1, x0));
    let v: f32 = x0c * p0 + xv * px;
    if (noise) v = v + load<f32>(noise + o);
    store<f32>(out + o, v);
  }
}

/** out = flush(a b): 0 where |a b| < 1e-20 (flush.ts). out may be a or b. */
export function mulFlush(a: usize, b: usize, out: usize, n: i32): void {
  const n4 = n & ~3;
  const f4 = f32x4.splat(FLUSH);
  for (let i = 0; i < n4; i += 4) {
    const o = <usize>i << 2;
    const v = f32x4.mul(v128.load(a + o), v128.load(b + o));
    v128.store(out + o, v128.and(v, f32x4.ge(f32x4.abs(v), f4)));
  }
  for (let i = n4; i < n; i++) {
    const o = <usize>i << 2;
    const v: f32 = load<f32>(a + o) * load<f32>(b + o);
    store<f32>(out + o, abs<f32>(v) < FLUSH ? 0 : v);
  }
}

/** out = a c + b (b = 0: out = a c). out may be a or b. */
export function axpy(a: usize, c: f32, b: usize, out: usize, n: i32): void {
  const n4 = n & ~3;
  const c4 = f32x4.splat(c);
  for (let i = 0; i < n4; i += 4) {
    const o = <usize>i << 2;
    let v = f32x4.mul(v128.load(a + o), c4);
    if (b) v = f32x4.add(v, v128.load(b + o));
    v128.store(out + o, v);
  }
  for (let i = n4; i < n; i++) {
    const o = <usize>i << 2;
    let v: f32 = load<f32>(a + o) * c;
    if (b) v = v + load<f32>(b + o);
    store<f32>(out + o, v);
  }
}

/**
 * Backward of stepClip given dx = dL/dx^{m-1}: through = dx mask, dEps = through cEps,
 * out = (through cThrough + dx cDirect) + dX (dL/dx^m; dX = 0: none).
 */
export function clipBack(dx: usize, mask: usize, dX: usize, dEps: usize, out: usize, n: i32, cEps: f32, cThrough: f32, cDirect: f32): void {
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 2;
    const g = load<f32>(dx + o);
    const th = g * load<f32>(mask + o);
    if (dEps) store<f32>(dEps + o, th * cEps);
    if (out) {
      let v: f32 = th * cThrough + g * cDirect;
      if (dX) v = v + load<f32>(dX + o);
      store<f32>(out + o, v);
    }
  }
}

/**
 * dst[c * dstStride + colOff + r] = src[r * cols + c]: transposes a [rows, cols] matrix into columns
 * colOff.. of a [cols, dstStride] one (several calls build the transpose of a row-wise concatenation).
 */
export function transposeInto(src: usize, rows: i32, cols: i32, dst: usize, dstStride: i32, colOff: i32): void {
  const B: i32 = 16;
  for (let r0 = 0; r0 < rows; r0 += B) {
    const r1 = min<i32>(rows, r0 + B);
    for (let c0 = 0; c0 < cols; c0 += B) {
      const c1 = min<i32>(cols, c0 + B);
      for (let c = c0; c < c1; c++) {
        const d = dst + ((<usize>(c * dstStride + colOff)) << 2);
        for (let r = r0; r < r1; r++) store<f32>(d + (<usize>r << 2), load<f32>(src + ((<usize>(r * cols + c)) << 2)));
      }
    }
  }
}

// ---- matMul -------------------------------------------------------------------------------------------------
// With relaxed SIMD, f32x4.relaxed_madd is one fused multiply-add (FMA3 on x86), twice the throughput of the
// separate multiply and add that XNNPACK's wasm SIMD kernels must use. bin/build-kernels.mjs also builds a
// variant without relaxed SIMD (this line replaced by mul + add), used only for the element-wise kernels.
// @ts-ignore: decorator
@inline function fma4(a: v128, b: v128, c: v128): v128 {
  return f32x4.relaxed_madd(a, b, c); // FMA-LINE
}

/**
 * One row: c[N] = a[K] b[K, N] (+ bias). Blocks of 16 columns (4 accumulators), then 4 columns, then single ones.
 * A single row has no reuse of B, so each multiply-add needs its own load; with more than 4 accumulators V8
 * (Node 20) hoists the loads, runs out of the 16 xmm registers and spills an accumulator to the stack, whose
 * store-to-load round trip then bounds the loop (8 accumulators: ~17 GFLOP/s; 4: ~26 GFLOP/s on 256 x 256,
 * where L2 bandwidth is the limit). Each output's sum runs over k in order, as before.
 */
function gemv(a: usize, b: usize, bias: usize, c: usize, K: i32, N: i32): void {
  const ldb = <usize>N << 2;
  const zero = f32x4.splat(0);
  let j = 0;
  for (; j + 16 <= N; j += 16) {
    const jo = <usize>j << 2;
    let c0 = zero, c1 = zero, c2 = zero, c3 = zero;
    if (bias) {
      c0 = v128.load(bias + jo);
      c1 = v128.load(bias + jo, 16);
      c2 = v128.load(bias + jo, 32);
      c3 = v128.load(bias + jo, 48);
    }
    let bp = b + jo;
    const aEnd = a + (<usize>K << 2);
    for (let ap = a; ap < aEnd; ap += 4) {
      const x = v128.load32_splat(ap);
      c0 = fma4(x, v128.load(bp), c0);
      c1 = fma4(x, v128.load(bp, 16), c1);
      c2 = fma4(x, v128.load(bp, 32), c2);
      c3 = fma4(x, v128.load(bp, 48), c3);
      bp += ldb;
    }
    const cp = c + jo;
    v128.store(cp, c0);
    v128.store(cp, c1, 16);
    v128.store(cp, c2, 32);
    v128.store(cp, c3, 48);
  }
  for (; j + 4 <= N; j += 4) {
    const jo = <usize>j << 2;
    let c0 = bias ? v128.load(bias + jo) : zero;
    let bp = b + jo;
    for (let k = 0; k < K; k++) {
      c0 = fma4(v128.load32_splat(a + (<usize>k << 2)), v128.load(bp), c0);
      bp += ldb;
    }
    v128.store(c + jo, c0);
  }
  for (; j < N; j++) {
    const jo = <usize>j << 2;
    let s: f32 = bias ? load<f32>(bias + jo) : 0;
    for (let k = 0; k < K; k++) s += load<f32>(a + (<usize>k << 2)) * load<f32>(b + <usize>k * ldb + jo);
    store<f32>(c + jo, s);
  }
}

/**
 * c[M, N] = a[M, K] b[K, N] (+ bias[N]; bias = 0: none), all row-major float32 (M < 4: row by row, gemv). Register blocks of 4 rows x 8
 * columns (8 accumulators), B read in place row by row (a 4 x 8 block reuses one 8-column panel of B, which
 * stays in L1 over the row blocks). The bias starts the accumulators, as in XNNPACK.
 */
export function gemm(a: usize, b: usize, bias: usize, c: usize, M: i32, K: i32, N: i32): void {
  if (M < 4) {
    for (let i = 0; i < M; i++) gemv(a + ((<usize>i * <usize>K) << 2), b, bias, c + ((<usize>i * <usize>N) << 2), K, N);
    return;
  }
  const n8 = N & ~7;
  const n4 = N & ~3;
  const m4 = M & ~3;
  const lda = <usize>K << 2;
  const ldb = <usize>N << 2;
  const ldc = <usize>N << 2;
  const zero = f32x4.splat(0);
  for (let j = 0; j < n8; j += 8) {
    const jo = <usize>j << 2;
    const bias0 = bias ? v128.load(bias + jo) : zero;
    const bias1 = bias ? v128.load(bias + jo, 16) : zero;
    let i = 0;
    for (; i < m4; i += 4) {
      const a0 = a + <usize>i * lda;
      const a1 = a0 + lda;
      const a2 = a1 + lda;
      const a3 = a2 + lda;
      let c00 = bias0, c01 = bias1, c10 = bias0, c11 = bias1, c20 = bias0, c21 = bias1, c30 = bias0, c31 = bias1;
      let bp = b + jo;
      let ap = a0;
      const aEnd = a0 + lda;
      for (; ap < aEnd; ap += 4) {
        const b0 = v128.load(bp);
        const b1 = v128.load(bp, 16);
        const x0 = v128.load32_splat(ap);
        c00 = fma4(x0, b0, c00);
        c01 = fma4(x0, b1, c01);
        const x1 = v128.load32_splat(ap + lda);
        c10 = fma4(x1, b0, c10);
        c11 = fma4(x1, b1, c11);
        const x2 = v128.load32_splat(ap + 2 * lda);
        c20 = fma4(x2, b0, c20);
        c21 = fma4(x2, b1, c21);
        const x3 = v128.load32_splat(ap + 3 * lda);
        c30 = fma4(x3, b0, c30);
        c31 = fma4(x3, b1, c31);
        bp += ldb;
      }
      const cp = c + <usize>i * ldc + jo;
      v128.store(cp, c00);
      v128.store(cp, c01, 16);
      v128.store(cp + ldc, c10);
      v128.store(cp + ldc, c11, 16);
      v128.store(cp + 2 * ldc, c20);
      v128.store(cp + 2 * ldc, c21, 16);
      v128.store(cp + 3 * ldc, c30);
      v128.store(cp + 3 * ldc, c31, 16);
    }
    for (; i < M; i++) {
      const a0 = a + <usize>i * lda;
      let c00 = bias0, c01 = bias1;
      let bp = b + jo;
      for (let k = 0; k < K; k++) {
        const x0 = v128.load32_splat(a0 + (<usize>k << 2));
        c00 = fma4(x0, v128.load(bp), c00);
        c01 = fma4(x0, v128.load(bp, 16), c01);
        bp += ldb;
      }
      const cp = c + <usize>i * ldc + jo;
      v128.store(cp, c00);
      v128.store(cp, c01, 16);
    }
  }
  if (n4 > n8) {
    const jo = <usize>n8 << 2;
    const bias0 = bias ? v128.load(bias + jo) : zero;
    let i = 0;
    for (; i < m4; i += 4) {
      const a0 = a + <usize>i * lda;
      const a1 = a0 + lda;
      const a2 = a1 + lda;
      const a3 = a2 + lda;
      let c0 = bias0, c1 = bias0, c2 = bias0, c3 = bias0;
      let bp = b + jo;
      for (let k = 0; k < K; k++) {
        const b0 = v128.load(bp);
        const ko = <usize>k << 2;
        c0 = fma4(v128.load32_splat(a0 + ko), b0, c0);
        c1 = fma4(v128.load32_splat(a1 + ko), b0, c1);
        c2 = fma4(v128.load32_splat(a2 + ko), b0, c2);
        c3 = fma4(v128.load32_splat(a3 + ko), b0, c3);
        bp += ldb;
      }
      const cp = c + <usize>i * ldc + jo;
      v128.store(cp, c0);
      v128.store(cp + ldc, c1);
      v128.store(cp + 2 * ldc, c2);
      v128.store(cp + 3 * ldc, c3);
    }
    for (; i < M; i++) {
      const a0 = a + <usize>i * lda;
      let c0 = bias0;
      let bp = b + jo;
      for (let k = 0; k < K; k++) {
        c0 = fma4(v128.load32_splat(a0 + (<usize>k << 2)), v128.load(bp), c0);
        bp += ldb;
      }
      v128.store(c + <usize>i * ldc + jo, c0);
    }
  }
  for (let j = n4; j < N; j++) {
    const jo = <usize>j << 2;
    for (let i = 0; i < M; i++) {
      const a0 = a + <usize>i * lda;
      let s: f32 = bias ? load<f32>(bias + jo) : 0;
      for (let k = 0; k < K; k++) s += load<f32>(a0 + (<usize>k << 2)) * load<f32>(b + <usize>k * ldb + jo);
      store<f32>(c + <usize>i * ldc + jo, s);
    }
  }
}

// ---- optimiser ----------------------------------------------------------------------------------------------

/**
 * Adam (src-main/rl/nn/adam.ts, PyTorch's form) and the soft target update (60)-(61) in one pass, in float32
 * (the JS loop it replaces computes in float64 and rounds: results agree to ~1 ulp). c1 = 1 - b1, c2 = 1 - b2,
 * u = 1 - tau are passed rounded from float64. g' = g gradScale; m <- b1 m + c1 g'; v <- b2 v + c2 g'^2 (in place);
 * p' = p - (stepSize m) / (sqrt(v) / sqrtBc2 + eps) into outP; q' = tau p' + u q into outQ (outQ = 0: none).
 */
export function adam(g: usize, m: usize, v: usize, p: usize, q: usize, outP: usize, outQ: usize, n: i32, gradScale: f32, b1: f32, c1: f32, b2: f32, c2: f32, stepSize: f32, sqrtBc2: f32, eps: f32, tau: f32, u: f32): void {
  const n4 = n & ~3;
  const s4 = f32x4.splat(gradScale);
  const b14 = f32x4.splat(b1);
  const c14 = f32x4.splat(c1);
  const b24 = f32x4.splat(b2);
  const c24 = f32x4.splat(c2);
  const st4 = f32x4.splat(stepSize);
  const bc4 = f32x4.splat(sqrtBc2);
  const e4 = f32x4.splat(eps);
  const t4 = f32x4.splat(tau);
  const u4 = f32x4.splat(u);
  for (let i = 0; i < n4; i += 4) {
    const o = <usize>i << 2;
    const gk = f32x4.mul(v128.load(g + o), s4);
    const mk = f32x4.add(f32x4.mul(b14, v128.load(m + o)), f32x4.mul(c14, gk));
    const vk = f32x4.add(f32x4.mul(b24, v128.load(v + o)), f32x4.mul(f32x4.mul(c24, gk), gk));
    v128.store(m + o, mk);
    v128.store(v + o, vk);
    const pk = f32x4.sub(v128.load(p + o), f32x4.div(f32x4.mul(st4, mk), f32x4.add(f32x4.div(f32x4.sqrt(vk), bc4), e4)));
    v128.store(outP + o, pk);
    if (outQ) v128.store(outQ + o, f32x4.add(f32x4.mul(t4, pk), f32x4.mul(u4, v128.load(q + o))));
  }
  for (let i = n4; i < n; i++) {
    const o = <usize>i << 2;
    const gk = load<f32>(g + o) * gradScale;
    const mk: f32 = b1 * load<f32>(m + o) + c1 * gk;
    const vk: f32 = b2 * load<f32>(v + o) + c2 * gk * gk;
    store<f32>(m + o, mk);
    store<f32>(v + o, vk);
    const pk: f32 = load<f32>(p + o) - (stepSize * mk) / (sqrt<f32>(vk) / sqrtBc2 + eps);
    store<f32>(outP + o, pk);
    if (outQ) store<f32>(outQ + o, tau * pk + u * load<f32>(q + o));
  }
}

/** Sum of squares of n floats, accumulated in float64. */
export function sumSquares(a: usize, n: i32): f64 {
  const n4 = n & ~3;
  let acc0 = f64x2.splat(0);
  let acc1 = f64x2.splat(0);
  for (let i = 0; i < n4; i += 4) {
    const x = v128.load(a + (<usize>i << 2));
    const lo = f64x2.promote_low_f32x4(x);
    const hi = f64x2.promote_low_f32x4(i32x4.shuffle(x, x, 2, 3, 0, 1));
    acc0 = f64x2.add(acc0, f64x2.mul(lo, lo));
    acc1 = f64x2.add(acc1, f64x2.mul(hi, hi));
  }
  const acc = f64x2.add(acc0, acc1);
  let s = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  for (let i = n4; i < n; i++) {
    const x = <f64>load<f32>(a + (<usize>i << 2));
    s += x * x;
  }
  return s;
}

// ---- the batch-1 decision ----------------------------------------------------------------------------------

/**
 * The whole reverse chain x^M -> x^0 for one observation (Algorithm 1, lines 8-13), in one call: per step the
 * noise network's layers (gemm on one row, act) and the update (39)-(40), as the batched path computes them.
 * `plan` (int32 words, byte offsets for pointers): M, A, L (layers), kind (0 Mish, 1 ReLU), clip (0/1),
 * widths[L + 1], w[L], b[L] (b[0] unused: layer 0's bias is stepBias[k] + stateTerm), then obs ([obsDim]: s_i),
 * obsDim, W1s ([obsDim, H0]), emb ([M, E]: row k is step m = M - k's embedding), E, W1e ([E, H0]), b1 ([H0]),
 * stepBias and stateTerm (room for [M, H0] and [H0]: this call writes emb(m) W1e + b1 and s W1s there), noise
 * ([M, A], the layout of DiffusionChain.makeNoise), coefs ([M, 6] float32: cx, ce, ax, ae, p0, px of step
 * m = M - k), two scratch rows of the widest layer, x ([A]). On return x holds x^0.
 */
export function chainDecide(plan: usize): void {
  const M = load<i32>(plan);
  const A = load<i32>(plan, 4);
  const L = load<i32>(plan, 8);
  const kind = load<i32>(plan, 12);
  const clip = load<i32>(plan, 16);
  const widths = plan + 20;
  const wp = widths + (<usize>(L + 1) << 2);
  const bp = wp + (<usize>L << 2);
  const misc = bp + (<usize>L << 2);
  const obs = <usize>load<i32>(misc);
  const obsDim = load<i32>(misc, 4);
  const w1s = <usize>load<i32>(misc, 8);
  const emb = <usize>load<i32>(misc, 12);
  const E = load<i32>(misc, 16);
  const w1e = <usize>load<i32>(misc, 20);
  const b1 = <usize>load<i32>(misc, 24);
  const stepBias = <usize>load<i32>(misc, 28);
  const stateTerm = <usize>load<i32>(misc, 32);
  const noise = <usize>load<i32>(misc, 36);
  const coefs = <usize>load<i32>(misc, 40);
  const bufA = <usize>load<i32>(misc, 44);
  const bufB = <usize>load<i32>(misc, 48);
  const x = <usize>load<i32>(misc, 52);
  const H0 = load<i32>(widths, 4);
  gemm(obs, w1s, 0, stateTerm, 1, obsDim, H0); // s W1s
  gemm(emb, w1e, b1, stepBias, M, E, H0); // emb(m) W1e + b1, every step
  memory.copy(x, noise, <usize>A << 2); // x^M
  for (let k = 0; k < M; k++) {
    let inp = x;
    let out = bufA;
    for (let l = 0; l < L; l++) {
      const K = load<i32>(widths + (<usize>l << 2));
      const N = load<i32>(widths + (<usize>(l + 1) << 2));
      const b: usize = l == 0 ? <usize>0 : <usize>load<i32>(bp + (<usize>l << 2));
      gemm(inp, <usize>load<i32>(wp + (<usize>l << 2)), b, out, 1, K, N);
      if (l == L - 1) break;
      if (l == 0) act(out, stepBias + ((<usize>k * <usize>H0) << 2), stateTerm, out, 0, 1, N, kind);
      else act(out, 0, 0, out, 0, 1, N, kind);
      inp = out;
      out = out == bufA ? bufB : bufA;
    }
    // out holds eps-hat; x^{m-1} replaces x^m in place
    const m = M - k;
    const c = coefs + ((<usize>k * 6) << 2);
    const z = m > 1 ? noise + ((<usize>(k + 1) * <usize>A) << 2) : 0;
    if (clip) stepClip(x, out, z, x, 0, A, load<f32>(c, 8), load<f32>(c, 12), load<f32>(c, 16), load<f32>(c, 20));
    else stepMean(x, out, z, x, A, load<f32>(c), load<f32>(c, 4));
  }
}
