// Hyper-parameters of the two QMIX learners, validated with zod. Defaults are the paper's Sec. 8.1 (4)
// values where it gives them; the rest are documented in docs/model-notes.md ("Paper 1: learning").
import { z } from 'zod';
import { parseWith } from '../../src-shared/validation';

const widths = z.array(z.number().int().min(1).max(4096)).min(1).max(8);

const common = {
  /** E: mini-batch size (Algorithm 1, line 19). */
  batchSize: z.number().int().min(1).max(4096).default(64),
  /** Adam learning rate (Sec. 8.1 (4)). */
  lr: z.number().positive().max(1).default(5e-4),
  adamBeta1: z.number().min(0).lt(1).default(0.9),
  adamBeta2: z.number().min(0).lt(1).default(0.999),
  adamEps: z.number().positive().max(1).default(1e-8),
  /**
   * omega: discount factor of eq. (59). Sec. 8.1 gives 0.99; default 0 by measurement (docs/model-notes.md, "Paper 1:
   * learning readings"): the reward (56) is already the per-slot drift-plus-penalty of the Lyapunov transformation
   * (Sec. 5: MAD2RL is to solve P2(t) "for each time slot", as the GA and greedy do), so each slot's decision is learned against
   * its own reward; with 0.99 every run diverged after 300-500 episodes at 7 CVs, with 0 none did and both learners
   * ended closer to the heuristics. With 0 the passes at s' are skipped (nothing at s' enters eq. 59).
   */
  gamma: z.number().min(0).max(1).default(0),
  /** epsilon of eqs. (60)-(61): soft target update rate. */
  tau: z.number().gt(0).max(1).default(0.001),
  /**
   * Factor applied to the common reward (56) before it enters the replay and the TD target (58)-(59). Not in
   * the paper (1 = as printed); queue drift terms make (56) reach ~1e4 per slot, and 1e-3 brings TD errors to O(1).
   */
  rewardScale: z.number().positive().max(1e6).default(1),
  /**
   * Divide rewards in the TD target (58)-(59) by the running std of all rewards seen so far (Welford; not in
   * the paper, as the paper-2 off-policy learners do). false = reward (56) as printed (times rewardScale).
   */
  rewardNorm: z.boolean().default(false),
  /** Global gradient-norm clip (0 = off). Not in the paper; pymarl's default. */
  gradClipNorm: z.number().min(0).max(1e9).default(10),
  /** Capacity of the replay buffer in transitions (slots). */
  bufferCapacity: z.number().int().min(1).max(10_000_000).default(50_000),
  /** Train only once the buffer holds this many transitions (and at least batchSize). */
  learningStarts: z.number().int().min(1).max(10_000_000).default(64),
  /** One gradient step every this many slots (Algorithm 1 trains every slot). */
  trainEvery: z.number().int().min(1).max(10_000).default(1),
  /** Epsilon-greedy exploration (54): linear from start to finish over annealSteps slots. */
  epsilonStart: z.number().min(0).max(1).default(1),
  epsilonFinish: z.number().min(0).max(1).default(0.05),
  epsilonAnnealSteps: z.number().int().min(0).max(100_000_000).default(10_000),
  /** Mixer: 'qmix' (eq. 57), 'vdn' (sum) or 'independent' (no mixing; independent Q-learners). */
  mixer: z.enum(['qmix', 'vdn', 'independent']).default('qmix'),
  /** Width of the mixing layer (pymarl's mixing_embed_dim). */
  mixerEmbed: z.number().int().min(1).max(4096).default(32),
  /** Hidden units per hypernetwork layer and number of hidden layers (Sec. 8.1 (4): 2 x 64). */
  hyperHidden: z.number().int().min(1).max(4096).default(64),
  hyperLayers: z.number().int().min(0).max(4).default(2),
  /** Non-linearity after the first mixing layer: ELU as in QMIX [43], or none (eq. 57 literally). */
  mixerActivation: z.enum(['elu', 'none']).default('elu'),
  /** Treat `done` as terminal (no bootstrap in eq. 59); false bootstraps through episode ends. */
  terminalOnDone: z.boolean().default(true),
  /**
   * Double Q-learning target (not in the paper; van Hasselt et al. 2016, pymarl's double_q): the online agents
   * pick argmax_a Q_theta_i(s'_i, a), the target agents evaluate it, instead of eq. (59)'s max over Q-hat (false).
   * Default true by measurement: it slows the upward drift of Q_tot that makes both learners diverge at 7 CVs
   * and delays the divergence, without removing it (docs/model-notes.md, "Paper 1: learning readings").
   */
  doubleQ: z.boolean().default(true),
  /** Threads for the agent networks: 'auto' uses 2 on a multi-core CPU with the wasm/cpu backends. */
  threads: z.union([z.literal('auto'), z.number().int().min(1).max(16)]).default('auto'),
};

export const mad2rlHyperSchema = z
  .object({
    ...common,
    /** M: denoising steps (Sec. 6.2). */
    denoisingSteps: z.number().int().min(1).max(100).default(7),
    /** beta_min, beta_max of the schedule in eq. (33). */
    betaMin: z.number().positive().max(100).default(0.1),
    betaMax: z.number().positive().max(100).default(10),
    /** Clip the predicted x0 to [-1, 1] in every reverse step (GDMOPT/AGOD); false = eqs. (39)-(40) as printed. */
    clipDenoised: z.boolean().default(false),
    /**
     * Q-vector: 'softmax' = eq. (41) as printed (a policy in [0, 1]); 'logits' = x^0 itself as the action values
     * (default, chosen by measurement: docs/model-notes.md, "Paper 1: learning readings"); 'critic' = softmax(x^0)
     * is the policy pi (eq. 54 acts on its argmax) and a per-agent MLP critic (same widths) is what QMIX mixes,
     * the actor maximising the critic's standardised Q plus actorEntropy x H(pi), as AGOD does.
     */
    qHead: z.enum(['softmax', 'logits', 'critic']).default('logits'),
    /** alpha of the actor loss for qHead 'critic' (weight of the policy's entropy; the critic's Q is standardised). */
    actorEntropy: z.number().min(0).max(100).default(0.05),
    /**
     * The chain's noise in training: 'fresh' = new draws for every pass (as printed: Q(s, a) is re-evaluated with
     * other noise than the decision's); 'replay' = the decision's own noise seed is stored and replayed for
     * Q(s, a), the target pass uses a fixed seed derived from it; 'mean' = the deterministic mean path
     * (x^M = 0, z = 0) for acting and training.
     */
    chainNoise: z.enum(['fresh', 'replay', 'mean']).default('mean'),
    /** Hidden layers of the noise network (Sec. 8.1 (4): 3 x 256; the activation is not given, Mish is GDMOPT/AGOD's). */
    hidden: widths.default([256, 256, 256]),
    activation: z.enum(['mish', 'relu']).default('mish'),
    /** Size of the sinusoidal step embedding emb(m). */
    stepEmbedDim: z
      .number()
      .int()
      .min(2)
      .max(1024)
      .refine((v) => v % 2 === 0, { message: 'stepEmbedDim must be even' })
      .default(16),
  })
  .strict()
  .refine((h) => h.betaMin <= h.betaMax, { message: 'betaMin must be <= betaMax', path: ['betaMin'] })
  .refine((h) => h.epsilonFinish <= h.epsilonStart, { message: 'epsilonFinish must be <= epsilonStart', path: ['epsilonFinish'] });

export const pqmixHyperSchema = z
  .object({
    ...common,
    /** Hidden layers of the MLP agent network (same trunk as MAD2RL's noise network by default). */
    hidden: widths.default([256, 256, 256]),
    activation: z.enum(['mish', 'relu']).default('mish'),
  })
  .strict()
  .refine((h) => h.epsilonFinish <= h.epsilonStart, { message: 'epsilonFinish must be <= epsilonStart', path: ['epsilonFinish'] });

export type Mad2rlHyper = z.infer<typeof mad2rlHyperSchema>;
export type PqmixHyper = z.infer<typeof pqmixHyperSchema>;
export type LearnerHyper = Mad2rlHyper | PqmixHyper;

export function parseMad2rlHyper(input: unknown): Mad2rlHyper {
  return parseWith(mad2rlHyperSchema, input ?? {}, 'mad2rl hyper-parameters');
}

export function parsePqmixHyper(input: unknown): PqmixHyper {
  return parseWith(pqmixHyperSchema, input ?? {}, 'pqmix hyper-parameters');
}

export const isMad2rl = (h: LearnerHyper): h is Mad2rlHyper => 'denoisingSteps' in h;
