// A constant policy for paper 2: every CV keeps the same local share, bandwidth and RSU CPU request in every
// slot. The sanity floor of the p2 figures (docs/model-notes.md, "Paper 2: learning"): a learner that does not
// beat it has learned nothing beyond a constant.
import { z } from 'zod';
import type { ControllerFactory } from '../sim/controller';
import { parseWith } from '../../src-shared/validation';
import { defineAlgorithm } from '../sim/algorithm-spec';

const share = z.number().min(0).max(1);

export const fixedRatioHyperSchema = z.strictObject({
  /** l^loc: share computed locally; the rest is offloaded, split evenly over the offload targets (C5). */
  localShare: share.default(0),
  /** b: bandwidth ratio per target, before the capped-simplex projection of C4. */
  bandwidth: share.default(1),
  /** f: requested share of the RSU's CPU per target (C6 scales shares at one RSU down to sum <= 1). */
  cpuShare: share.default(0.4),
});

/** The constant action vector [l^loc, l^rsu_1..n, b_1..n, f_1..n] (action-mapping.ts layout) for `targets` targets. */
export function fixedRatioAction(h: z.output<typeof fixedRatioHyperSchema>, dim: number, targets: number): Float32Array {
  const withCpu = dim === 1 + 3 * targets;
  if (!withCpu && dim !== 1 + 2 * targets) throw new RangeError(`fixed-ratio: action dim ${dim} does not fit ${targets} targets`);
  const a = new Float32Array(dim);
  a[0] = h.localShare;
  for (let j = 0; j < targets; j++) {
    a[1 + j] = (1 - h.localShare) / targets;
    a[1 + targets + j] = h.bandwidth / targets;
    if (withCpu) a[1 + 2 * targets + j] = h.cpuShare;
  }
  return a;
}

export const fixedRatioFactory: ControllerFactory<Float32Array, unknown> = async (env, { hyper }) => {
  const h = parseWith(fixedRatioHyperSchema, hyper, 'fixed-ratio hyper-parameters');
  const layout = (env as { layout?: { targets?: unknown } }).layout;
  const targets = typeof layout?.targets === 'number' ? layout.targets : 1;
  const actions = env.spec.actionSpaces.map((s) => {
    if (s.kind !== 'continuous') throw new RangeError('fixed-ratio needs continuous action spaces');
    return fixedRatioAction(h, s.dim, targets);
  });
  return { name: 'fixed-ratio', act: () => actions.map((a) => a.slice()) };
};

export const fixedRatioSpec = defineAlgorithm({
  name: 'fixed-ratio',
  env: 'isac-dt',
  kind: 'heuristic',
  label: 'Fixed ratio (constant policy)',
  hyperSchema: fixedRatioHyperSchema,
  load: async () => fixedRatioFactory,
});
