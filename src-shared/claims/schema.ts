// The papers' stated results as data (resources/claims/paper1.json, paper2.json): one line per claim, each tied to
// a figure of the catalogue and a section of the paper, with the quantity it is about and the tolerance of its
// verdict. The verdict logic (verdict.ts) reads measured runs against these.
import { z } from 'zod';

const param = z.enum(['lyapunovV', 'cvCount', 'svCount', 'denoisingSteps']);
const reduce = z.enum(['scalar', 'array-mean']).default('scalar');

/**
 * What is measured per run:
 * - 'sweep-point': the value a sweep figure plots for the run (its last exploration-off evaluation, else the
 *   mean of its last 50 training episodes; sweepPointValue in src-shared/charts/run-data.ts);
 * - 'steady': mean of the last `lastN` training episodes of an episode metric (`perSlot`: divided by T);
 * - 'table3': a Table III statistic of the run's average-reward curve (src-shared/charts/convergence-stats.ts).
 */
export const quantitySchema = z.discriminatedUnion('of', [
  z.strictObject({ of: z.literal('sweep-point'), metric: z.string().min(1), reduce }),
  z.strictObject({ of: z.literal('steady'), metric: z.string().min(1), reduce, perSlot: z.boolean().default(false), lastN: z.number().int().min(1).default(50) }),
  z.strictObject({ of: z.literal('table3'), stat: z.enum(['steadyReward', 'coefficientOfVariation', 'convergenceEpisode']) }),
]);
export type Quantity = z.infer<typeof quantitySchema>;

/** Sweep points a claim is about: the given values of `param`, or every value measured when `values` is absent. */
const pointsSchema = z.strictObject({ param, values: z.array(z.number()).min(1).optional() });
/** One sweep point. */
const pointSchema = z.strictObject({ param, value: z.number() });

const base = {
  /** Unique within the file, stable (reports and tests refer to it). */
  id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'claim ids are lower-case words joined by - or .'),
  /** Figure id of the catalogue (src-shared/charts/catalog.ts), e.g. 'p1-fig8a', 'p2-table3'. */
  figure: z.string().min(1),
  /** Where the paper states it, e.g. 'Sec. 8.3.3' or 'Sec. VII-C 1), Table III'. */
  section: z.string().min(1),
  /** The claim in our words (the papers' sentences are not copied). */
  claim: z.string().min(1),
};
const better = z.enum(['lower', 'higher']);

export const claimSchema = z.discriminatedUnion('kind', [
  /** The algorithms rank in this order (best first) at every point of `at` (or once, for experiments without a sweep). */
  z.strictObject({ ...base, kind: z.literal('ordering'), quantity: quantitySchema, better, order: z.array(z.string()).min(2), at: pointsSchema.optional() }),
  /** `algo` is the best of `over` at every point. */
  z.strictObject({ ...base, kind: z.literal('best'), quantity: quantitySchema, better, algo: z.string(), over: z.array(z.string()).min(1), at: pointsSchema.optional() }),
  /** The quantity of `algo` rises / falls / stays level (within `tolerance`, relative spread) along `param`. */
  z.strictObject({
    ...base, kind: z.literal('trend'), quantity: quantitySchema, algo: z.string(), param, direction: z.enum(['increasing', 'decreasing', 'flat']),
    tolerance: z.number().min(0).optional(),
  }),
  /** The quantity of `algo` peaks at an interior value of `param` (rises, then falls). */
  z.strictObject({ ...base, kind: z.literal('peak'), quantity: quantitySchema, algo: z.string(), param }),
  /**
   * `algo` is `paper` % better than `baseline`: (baseline - algo) / |baseline| x 100 when lower is better,
   * (algo - baseline) / |baseline| x 100 when higher is better; at one point, or averaged over `over` points.
   * `tolerance` in percentage points.
   */
  z.strictObject({
    ...base, kind: z.literal('relative'), quantity: quantitySchema, better, algo: z.string(), baseline: z.string(),
    at: pointSchema.optional(), over: z.strictObject({ param, values: z.array(z.number()).min(2) }).optional(), paper: z.number(),
    tolerance: z.number().min(0).optional(),
  }),
  /** The quantity of `algo` (at a point) is `paper`; `tolerance` relative to |paper|. */
  z.strictObject({ ...base, kind: z.literal('value'), quantity: quantitySchema, algo: z.string(), at: pointSchema.optional(), paper: z.number(), tolerance: z.number().min(0).optional() }),
  /**
   * The queues of `algo` stay bounded: over the last quarter of the episodes the mean of `metric` (mean over its
   * entries) is at most (1 + tolerance) times its mean over the quarter before.
   */
  z.strictObject({ ...base, kind: z.literal('bounded'), metric: z.string().min(1), algo: z.string(), tolerance: z.number().min(0).optional() }),
]);
export type Claim = z.infer<typeof claimSchema>;
export type ClaimKind = Claim['kind'];

/** Default tolerances of a claims file, used where a claim gives none. */
export const tolerancesSchema = z.strictObject({
  /** 'relative' claims: percentage points between the paper's and the measured improvement that still match. */
  relativePoints: z.number().min(0).default(5),
  /** 'value' claims: relative deviation from the paper's number that still matches. */
  valueRelative: z.number().min(0).default(0.1),
  /** 'trend' claims with direction 'flat': largest (max - min) / |mean| that counts as level. */
  flatRelative: z.number().min(0).default(0.1),
  /** 'bounded' claims: growth of the last quarter over the quarter before that still counts as bounded. */
  boundedRelative: z.number().min(0).default(0.1),
});
export type Tolerances = z.infer<typeof tolerancesSchema>;

export const claimsFileSchema = z
  .strictObject({
    paper: z.union([z.literal(1), z.literal(2)]),
    title: z.string(),
    /** The paper text the claims were taken from (under /work/shared/papers or the docs). */
    text: z.string(),
    tolerances: tolerancesSchema.prefault({}),
    claims: z.array(claimSchema).min(1),
  })
  .superRefine((f, ctx) => {
    const seen = new Set<string>();
    f.claims.forEach((c, i) => {
      if (seen.has(c.id)) ctx.addIssue({ code: 'custom', path: ['claims', i, 'id'], message: `duplicate claim id '${c.id}'` });
      seen.add(c.id);
    });
  });
export type ClaimsFile = z.infer<typeof claimsFileSchema>;
export type ClaimsFileInput = z.input<typeof claimsFileSchema>;
