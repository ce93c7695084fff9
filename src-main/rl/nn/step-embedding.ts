// Sinusoidal embedding of the denoising step m (the transformer/DDPM position encoding, as in the
// diffusion-policy code the paper builds on): [sin(m w_0..w_{h-1}), cos(m w_0..w_{h-1})], w_k = 10000^(-k/(h-1)).

export function stepEmbedding(m: number, dim: number): Float32Array {
  if (!Number.isInteger(dim) || dim < 2 || dim % 2 !== 0) throw new RangeError(`step embedding size must be an even integer >= 2, got ${dim}`);
  const half = dim / 2;
  const out = new Float32Array(dim);
  const logBase = Math.log(10000) / Math.max(1, half - 1);
  for (let k = 0; k < half; k++) {
    const w = Math.exp(-logBase * k);
    out[k] = Math.sin(m * w);
    out[half + k] = Math.cos(m * w);
  }
  return out;
}

/** Row k (0-based) holds the embedding of step m = M - k: the order in which the reverse chain visits them. */
export function stepEmbeddingTable(steps: number, dim: number): Float32Array {
  const table = new Float32Array(steps * dim);
  for (let k = 0; k < steps; k++) table.set(stepEmbedding(steps - k, dim), k * dim);
  return table;
}
