// Hyper-parameters of the continuous learners. Ly-DTMPPO's come from Sec. VII-A / Table II; the rest (and
// every value the paper omits) are the usual values of the cited algorithms, recorded in docs/model-notes.md
// ("Paper 2: learning"). `vecwb run --hyper` overrides any of them; unknown keys are an error.
import { z } from 'zod';
import { parseWith } from '../../../src-shared/validation';

const hidden = z.array(z.number().int().min(1).max(4096)).min(1).max(8);
const prob = z.number().min(0).max(1);

const common = {
  /** Sizes of the hidden layers of actors and critics (Sec. VI-B 2: two ReLU layers; width not given). */
  hiddenSizes: hidden.default([64, 64]),
  /** gamma (Table II). */
  gamma: prob.default(0.99),
  /** Running mean/std normalisation of observations and states (clipped to +-10). */
  obsNorm: z.boolean().default(true),
  /** Feed the DT-provided entries (true: Ly-DTMPPO's state (40); false: zeros, as Ly-MAPPO). */
  digitalTwin: z.boolean().default(true),
  /**
   * What each actor sees: 'local' = its local state s_i (40) (CTDE as in Algorithm 1); 'global' = the global state
   * S(t) (41), the reading of Sec. III-A that the DT "provides the actor network ... with a global perspective"
   * (DT-masked like the critic's when the DT is off).
   */
  actorInput: z.enum(['local', 'global']).default('local'),
  /** Bootstrap from V(s_T) at the end of an episode (true) or treat the last slot as terminal (false). */
  bootstrapAtEpisodeEnd: z.boolean().default(false),
  /** Multiplies the reward before learning (the reported reward is unchanged). */
  rewardScale: z.number().positive().max(1e6).default(1),
  /** Global L2 norm at which gradients are clipped (0: off). */
  maxGradNorm: z.number().min(0).max(1e6).default(10),
};

export const ppoHyperSchema = z.strictObject({
  ...common,
  /** Learning rate of actors and critic (Sec. VII-A: 8e-5). */
  lr: z.number().positive().max(1).default(8e-5),
  /** Critic learning rate; defaults to `lr`. */
  criticLr: z.number().positive().max(1).optional(),
  /** lambda of GAE (46) (Table II: 0.95). */
  gaeLambda: prob.default(0.95),
  /** epsilon of the clipped surrogate (47) (Table II: 0.2). */
  clipRatio: z.number().positive().max(1).default(0.2),
  /** E: update epochs per rollout (Sec. VII-A: 10). */
  epochs: z.number().int().min(1).max(1000).default(10),
  /**
   * 'episode': D holds one episode and the update runs after every episode (Algorithm 1, lines 2 and 11);
   * 'slots': D fills up to `batchSize` slots across episodes (the usual MAPPO reading of Table II's 512).
   */
  rollout: z.enum(['episode', 'slots']).default('episode'),
  /** B: slots per rollout under rollout = 'slots' (Table II: 512); the update runs when the rollout is full. */
  batchSize: z.number().int().min(2).max(1_000_000).default(512),
  /** Minibatches per epoch (1: the whole rollout per gradient step, MAPPO's default). */
  miniBatches: z.number().int().min(1).max(1024).default(1),
  /** Recompute GAE (46) with the current critic at every epoch (Algorithm 1 line 13); false: once per rollout. */
  gaeEachEpoch: z.boolean().default(false),
  /** Entropy bonus coefficient. */
  entropyCoef: z.number().min(0).max(10).default(0.01),
  /**
   * Which entropy the bonus uses: 'squashed' estimates the entropy of the action a = squash(u) (Gaussian entropy
   * plus E[log |da/du|], reparameterised), 'gaussian' the pre-squash Gaussian's (always rewards a larger sigma),
   * 'off' drops the bonus.
   */
  entropy: z.enum(['squashed', 'gaussian', 'off']).default('squashed'),
  /** Normalise value targets with running statistics (MAPPO's value normalisation). */
  valueNorm: z.boolean().default(true),
  /**
   * Value normaliser statistics: 0 = cumulative over the whole run (Welford); a value in (0, 1) = exponentially
   * decaying, debiased statistics with this weight per update (MAPPO's ValueNorm uses 0.99999).
   */
  valueNormDecay: z.number().min(0).max(0.9999999).default(0),
  /** Normalise advantages to zero mean and unit std per rollout. */
  advantageNorm: z.boolean().default(true),
  /**
   * Learn from each agent's own reward r_i (Algorithm 1 lines 7-8) when the environment provides it: the critic
   * V_theta(S) has one output per agent and agent i's advantage (46) uses r_i; false: the team reward for all.
   */
  agentRewards: z.boolean().default(true),
  /** 'state': the actor outputs mean and log-std (Sec. VI-B: "the mean and the variance"); 'parameter': a learned state-independent log-std per action entry. */
  stdMode: z.enum(['parameter', 'state']).default('state'),
  /**
   * How the Gaussian sample u reaches the action box: 'tanh' = low + (high - low) (tanh(u) + 1) / 2 (squash.ts; the
   * log-probability carries the Jacobian, the box edges only in the limit |u| -> inf); 'clip' = the same affine map
   * without the tanh, clipped to the box (the clip is part of the environment, as in the public MAPPO code), so the
   * edges of the box (e.g. no local computing) are reached with finite u. Neither is in the paper; 'clip' is the
   * default by measurement (docs/model-notes.md, "Paper 2: reproduction readings").
   */
  actionMap: z.enum(['tanh', 'clip']).default('clip'),
  /** Initial log-std of the Gaussian on the pre-squash scale (state mode: the value the head starts near). */
  initLogStd: z.number().min(-10).max(2).default(-1),
});

const offPolicy = {
  ...common,
  actorLr: z.number().positive().max(1).default(3e-4),
  criticLr: z.number().positive().max(1).default(3e-4),
  /** Minibatch size of every gradient step. */
  batchSize: z.number().int().min(1).max(100_000).default(256),
  /** Replay capacity (transitions = slots). */
  bufferSize: z.number().int().min(1).max(10_000_000).default(50_000),
  /** Slots of uniformly random actions before the first update. */
  warmupSlots: z.number().int().min(0).max(10_000_000).default(1_000),
  /** A gradient step every `updateEvery` slots after warm-up ... */
  updateEvery: z.number().int().min(1).max(10_000).default(1),
  /** ... of this many steps. */
  gradientSteps: z.number().int().min(1).max(10_000).default(1),
  /** Polyak factor of the target networks. */
  tau: z.number().positive().max(1).default(0.005),
  /** 'shared': one centralised critic Q(s, a_1..a_N) for the team reward; 'per-agent': one per agent (MADDPG's original). */
  critic: z.enum(['shared', 'per-agent']).default('shared'),
  /** Actor gradient: other agents' actions from the replay ('buffer', MADDPG) or from their current policies ('current'). */
  othersActions: z.enum(['buffer', 'current']).default('buffer'),
  /** Divide sampled rewards by the running std of all rewards seen (the Lyapunov reward's scale varies by orders of magnitude). */
  rewardNorm: z.boolean().default(true),
};

export const maddpgHyperSchema = z.strictObject({
  ...offPolicy,
  actorLr: z.number().positive().max(1).default(1e-4),
  criticLr: z.number().positive().max(1).default(1e-3),
  tau: z.number().positive().max(1).default(0.01),
  /** Std of the Gaussian exploration noise on the tanh scale [-1, 1]. */
  explorationNoise: z.number().min(0).max(10).default(0.1),
});

export const matd3HyperSchema = z.strictObject({
  ...offPolicy,
  explorationNoise: z.number().min(0).max(10).default(0.1),
  /** Target policy smoothing: noise std and clip (TD3). */
  targetNoise: z.number().min(0).max(10).default(0.2),
  targetNoiseClip: z.number().min(0).max(10).default(0.5),
  /** Actor and target updates once per `policyDelay` critic updates (TD3). */
  policyDelay: z.number().int().min(1).max(100).default(2),
});

export const masacHyperSchema = z.strictObject({
  ...offPolicy,
  alphaLr: z.number().positive().max(1).default(3e-4),
  /** Initial temperature alpha (0.2: SAC v1's fixed value; with rewards normalised to unit std, 1 lets entropy dominate). */
  initAlpha: z.number().positive().max(100).default(0.2),
  /** Learn alpha towards the target entropy (SAC v2); false keeps initAlpha. */
  autoAlpha: z.boolean().default(true),
  /** Target entropy per agent; default -actionDim. */
  targetEntropy: z.number().min(-1000).max(1000).optional(),
});

export type PpoHyper = z.infer<typeof ppoHyperSchema>;
export type MaddpgHyper = z.infer<typeof maddpgHyperSchema>;
export type Matd3Hyper = z.infer<typeof matd3HyperSchema>;
export type MasacHyper = z.infer<typeof masacHyperSchema>;

export function parseHyper<S extends z.ZodType>(schema: S, raw: Record<string, unknown>, algorithm: string): z.output<S> {
  return parseWith(schema, raw, `${algorithm} hyper-parameters`);
}
