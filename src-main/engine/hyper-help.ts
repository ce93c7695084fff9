// Help text and unit of every hyper-parameter the experiment form offers, taken from the comments of the hyper
// schemas (src-main/rl/config.ts, src-main/rl/continuous/hyper.ts, src-main/policies/*). Types, ranges, choices
// and defaults are not repeated here: hyper-fields.ts reads them from the schemas themselves. A test checks
// that every key of every schema has an entry.

export interface HyperHelp {
  help: string;
  /** Unit as printed after the value ('' when dimensionless). */
  unit: string;
}

const h = (help: string, unit = ''): HyperHelp => ({ help, unit });

/** Keys whose meaning differs by learner family; looked up as `<family>:<key>` first. */
export type HyperFamily = 'qmix' | 'ppo' | 'offpolicy' | 'heuristic';

export function hyperFamily(algo: string): HyperFamily {
  if (algo === 'mad2rl' || algo === 'pqmix') return 'qmix';
  if (algo === 'ly-dtmppo' || algo === 'ly-mappo') return 'ppo';
  if (algo === 'ly-maddpg' || algo === 'ly-matd3' || algo === 'ly-masac') return 'offpolicy';
  return 'heuristic';
}

export const hyperHelp: Record<string, HyperHelp> = {
  // Paper 1: QMIX learners (MAD2RL, P-QMIX).
  'qmix:batchSize': h('E: mini-batch size of each gradient step (Algorithm 1, line 19)', 'transitions'),
  'qmix:lr': h('Adam learning rate (Sec. 8.1 (4))'),
  adamBeta1: h('Adam beta1 (first-moment decay)'),
  adamBeta2: h('Adam beta2 (second-moment decay)'),
  adamEps: h('Adam epsilon (numerical floor of the denominator)'),
  gamma: h('Discount factor (omega of eq. 59; gamma of Table II in paper 2). Paper 1: measured default 0, learning the per-slot drift-plus-penalty reward (56) slot by slot; 0.99 = Sec. 8.1 as printed'),
  'qmix:tau': h('Soft target update rate (epsilon of eqs. 60-61)'),
  'qmix:rewardScale': h('Factor on the common reward (56) before the replay and the TD target; not in the paper (1 = as printed)'),
  'qmix:rewardNorm': h('Divide rewards in the TD target by their running std (not in the paper)'),
  gradClipNorm: h('Global gradient-norm clip; 0 = off (pymarl default 10)'),
  bufferCapacity: h('Capacity of the replay buffer', 'transitions'),
  learningStarts: h('Train only once the buffer holds this many transitions (and at least a batch)', 'transitions'),
  trainEvery: h('One gradient step every this many slots (Algorithm 1 trains every slot)', 'slots'),
  epsilonStart: h('Epsilon-greedy exploration (54): value at the start of the linear schedule'),
  epsilonFinish: h('Epsilon-greedy exploration (54): value at the end of the schedule (<= start)'),
  epsilonAnnealSteps: h('Slots over which epsilon falls linearly from start to finish', 'slots'),
  mixer: h("Mixer: 'qmix' (eq. 57), 'vdn' (sum of agent Qs) or 'independent' (no mixing)"),
  mixerEmbed: h('Width of the mixing layer (pymarl mixing_embed_dim)', 'units'),
  hyperHidden: h('Hidden units per hypernetwork layer (Sec. 8.1 (4): 64)', 'units'),
  hyperLayers: h('Hidden layers of each hypernetwork (Sec. 8.1 (4): 2)', 'layers'),
  mixerActivation: h('Non-linearity after the first mixing layer: ELU as in QMIX, or none (eq. 57 literally)'),
  terminalOnDone: h('Treat the episode end as terminal (no bootstrap in eq. 59)'),
  doubleQ: h("Double Q target: the online agents choose s' actions, the target agents value them (measured default; false = eq. 59 as printed, the target's own max)"),
  threads: h("Threads for the agent networks: 'auto' uses 2 on a multi-core CPU with the wasm/cpu backends, or a number 1-16"),
  denoisingSteps: h('M: denoising steps of the diffusion agents (Sec. 6.2)', 'steps'),
  betaMin: h('beta_min of the noise schedule (eq. 33)'),
  betaMax: h('beta_max of the noise schedule (eq. 33), >= beta_min'),
  clipDenoised: h('Clip the predicted x0 to [-1, 1] in every reverse step (GDMOPT/AGOD); off = eqs. 39-40 as printed'),
  qHead: h("Q-vector: 'softmax' = eq. 41 as printed; 'logits' = x0 as action values (measured default); 'critic' = softmax(x0) as policy with a per-agent MLP critic mixed by QMIX (AGOD-style)"),
  actorEntropy: h("alpha of the actor loss for qHead 'critic': weight of the policy's entropy"),
  chainNoise: h("Noise of the denoising chain in training: 'fresh' draws (as printed), 'replay' the decision's own noise, 'mean' the deterministic mean path"),
  'qmix:hidden': h('Hidden layer widths of the agent network, e.g. [256, 256, 256] (Sec. 8.1 (4))', 'units per layer'),
  'qmix:activation': h('Activation of the agent network (Sec. 8.1 (4): Mish)'),
  stepEmbedDim: h('Size of the sinusoidal step embedding emb(m) (even)', 'dimensions'),
  // Paper 1: genetic baseline.
  populationSize: h('Chromosomes per generation', 'chromosomes'),
  generations: h('Generations evolved per slot', 'generations'),
  crossoverRate: h('Probability that a child is the uniform crossover of two parents (else a copy of the first)'),
  mutationRate: h("Per-gene probability of replacing a CV's decision by a uniformly drawn legal one"),
  eliteCount: h('Best chromosomes copied unchanged into the next generation', 'chromosomes'),
  tournamentSize: h('Tournament size of parent selection', 'chromosomes'),
  // Paper 2: fixed-ratio baseline.
  localShare: h('l^loc: share of each task computed locally; the rest is split evenly over the offload targets (C5)'),
  bandwidth: h('b: bandwidth ratio per target, before the capped-simplex projection of C4'),
  cpuShare: h("f: requested share of the RSU's CPU per target (C6 scales shares at one RSU down to sum <= 1)"),
  // Paper 2: every learner.
  hiddenSizes: h('Hidden layer widths of actors and critics, e.g. [64, 64] (Sec. VI-B 2: two ReLU layers)', 'units per layer'),
  obsNorm: h('Running mean/std normalisation of observations and states (clipped to +-10)'),
  digitalTwin: h("Feed the digital twin's entries of the state (40): on for Ly-DTMPPO, off (zeros) for Ly-MAPPO"),
  bootstrapAtEpisodeEnd: h('Bootstrap from V(s_T) at the end of an episode (else the last slot is terminal)'),
  rewardScale: h('Multiplies the reward before learning (the reported reward is unchanged)'),
  maxGradNorm: h('Global L2 norm at which gradients are clipped; 0 = off'),
  // Paper 2: PPO family.
  'ppo:lr': h('Learning rate of actors and critic (Sec. VII-A: 8e-5)'),
  'ppo:criticLr': h('Critic learning rate; empty = the same as lr'),
  gaeLambda: h('lambda of GAE (46) (Table II: 0.95)'),
  clipRatio: h('epsilon of the clipped surrogate (47) (Table II: 0.2)'),
  epochs: h('E: update epochs per rollout (Sec. VII-A: 10)', 'epochs'),
  rollout: h("'episode': the update runs after every episode (Algorithm 1); 'slots': the rollout fills batchSize slots across episodes"),
  'ppo:batchSize': h("B: slots per rollout under rollout = 'slots' (Table II: 512)", 'slots'),
  miniBatches: h('Minibatches per epoch (1: the whole rollout per gradient step)', 'minibatches'),
  gaeEachEpoch: h('Recompute GAE (46) with the current critic at every epoch (Algorithm 1 line 13); off: once per rollout'),
  entropyCoef: h('Entropy bonus coefficient'),
  entropy: h("Entropy of the bonus: 'squashed' (of the squashed action), 'gaussian' (pre-squash), 'off'"),
  valueNorm: h("Normalise value targets with running statistics (MAPPO's value normalisation)"),
  valueNormDecay: h("Value normaliser statistics: 0 = cumulative over the run; in (0, 1) = debiased moving averages with this weight per update (MAPPO's ValueNorm: 0.99999)"),
  actorInput: h("What each actor sees: 'local' = its local state (40); 'global' = the global state (41), the DT's global view (Sec. III-A)"),
  advantageNorm: h('Normalise advantages to zero mean and unit std per rollout'),
  agentRewards: h("Learn from each agent's own reward r_i (one critic output per agent); off: the team reward for all"),
  stdMode: h("'state': the actor outputs mean and log-std (Sec. VI-B); 'parameter': a learned state-independent log-std"),
  actionMap: h("How the Gaussian sample reaches the action box: 'clip' (affine map clipped to the box, its edges reachable; measured default) or 'tanh' squash"),
  initLogStd: h('Initial log-std of the Gaussian on the pre-squash scale', 'log units'),
  // Paper 2: off-policy family (Ly-MADDPG, Ly-MATD3, Ly-MASAC).
  actorLr: h('Actor learning rate'),
  'offpolicy:criticLr': h('Critic learning rate'),
  'offpolicy:batchSize': h('Minibatch size of every gradient step', 'transitions'),
  bufferSize: h('Replay capacity', 'transitions'),
  warmupSlots: h('Slots of uniformly random actions before the first update', 'slots'),
  updateEvery: h('A gradient update every this many slots after warm-up', 'slots'),
  gradientSteps: h('Gradient steps per update', 'steps'),
  'offpolicy:tau': h('Polyak factor of the target networks'),
  critic: h("'shared': one centralised critic Q(s, a_1..a_N) for the team reward; 'per-agent': one per agent (MADDPG's original)"),
  othersActions: h("Actor gradient: other agents' actions from the replay ('buffer', MADDPG) or their current policies ('current')"),
  'offpolicy:rewardNorm': h('Divide sampled rewards by the running std of all rewards seen'),
  explorationNoise: h('Std of the Gaussian exploration noise on the tanh scale [-1, 1]'),
  targetNoise: h('Target policy smoothing: noise std (TD3)'),
  targetNoiseClip: h('Target policy smoothing: noise clip (TD3)'),
  policyDelay: h('Actor and target updates once per this many critic updates (TD3)', 'critic updates'),
  alphaLr: h('Learning rate of the temperature alpha (SAC v2)'),
  initAlpha: h('Initial temperature alpha (0.2: SAC v1)'),
  autoAlpha: h('Learn alpha towards the target entropy (SAC v2); off keeps initAlpha'),
  targetEntropy: h('Target entropy per agent; empty = -(action dimension)', 'nats'),
};

/** The help of `key` for `algo` (family-specific first), or null when the table has none. */
export function helpFor(algo: string, key: string): HyperHelp | null {
  return hyperHelp[`${hyperFamily(algo)}:${key}`] ?? hyperHelp[key] ?? null;
}
